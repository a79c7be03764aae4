using ReviewWorkflow.Web.FamilyInformation;

namespace ReviewWorkflow.Web.Cases;

/// <summary>
/// Why a closed case is back on the review list (<see cref="Case.NeedsReview"/>). A feature clearing
/// its own reason asks here whether any other remains, so answering a family item never hides a
/// linkage candidate found after closure (or the reverse).
/// </summary>
public static class CaseReview
{
    public static async Task<bool> ReasonsRemainAsync(ReviewDb db, Case c, CancellationToken ct = default)
    {
        if (c.Status != CaseStatus.Closed) return false;
        // F5, F9: information received after closure and not yet answered.
        if ((await FamilyRegister.OpenItemsAsync(db, c.Id, ct)).Count > 0) return true;
        // F8: a candidate found after closure and not yet dispositioned (pending decisions of this command count).
        await db.LinkageCandidates.Where(x => x.CaseId == c.Id).LoadAsync(ct);
        return db.LinkageCandidates.Local.Any(x => x.CaseId == c.Id && x.Decision is null);
    }

    /// <summary>
    /// A closed case with anything unmet (work that became required after closure — a late link makes
    /// the referral required — or late register work) is on the review list; an engine command that
    /// does that work takes it off once no reason remains.
    /// </summary>
    public static async Task AfterChangeAsync(ReviewDb db, Case c, CaseEvaluation evaluation, bool engineCommand, CancellationToken ct)
    {
        if (c.Status != CaseStatus.Closed) return;
        if (evaluation.Unmet.Count > 0) c.MarkForReview();
        else if (engineCommand && c.NeedsReview) c.ReconsiderReview(await ReasonsRemainAsync(db, c, ct));
    }
}
