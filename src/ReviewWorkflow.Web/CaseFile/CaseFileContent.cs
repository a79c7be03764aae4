using System.Globalization;
using System.Text.Json;
using ReviewWorkflow.Web.FamilyInformation;
using ReviewWorkflow.Web.Linkage;
using ReviewWorkflow.Web.Steps;

namespace ReviewWorkflow.Web.CaseFile;

/// <summary>
/// The case file's text, in the order of the procedure, written for a reader who has never seen the
/// product (a coroner, the IOPC, a review): the facts, then each step of the workflow definition in
/// its order with everything recorded on it, the documents, and the proof against the audit trail.
/// </summary>
public static class CaseFileContent
{
    public static IReadOnlyList<CaseFileLine> Build(CaseFileRecord record)
    {
        var lines = new List<CaseFileLine>();
        var c = record.Case;
        var definition = record.Read.Context.Definition;
        lines.Add(new(LineStyle.Title, $"Case file {c.Reference}"));
        lines.Add(new(LineStyle.Text, $"{definition.Title} (workflow {definition.Key}, version {definition.Version})"));
        lines.Add(new(LineStyle.Field, $"{Display.UtcTime(record.ExportedAt)} by {record.ExportedBy}", "Made"));
        lines.Add(new(LineStyle.Field, record.Variant == CaseFileVariant.Full
            ? "Full record: every name as recorded"
            : "Redacted for disclosure: family members and persons not charged are named by their role, in square brackets", "Variant"));
        lines.Add(new(LineStyle.Note,
            "This file is the record of the review of an unexplained death. Section 1 gives the facts of the death. Section 2 takes " +
            "the steps of the procedure in their order: for each, what the system required, its state when this file was made, and " +
            "everything recorded on it, oldest first, with who recorded it and when. A step a supervisor or inspector returned " +
            "shows the return and its reason, then the work done again. Section 3 lists the documents held; section 4 lists the " +
            "audit trail's seal on every recorded change, by which this file can be checked against the record. Times are UTC."));

        Facts(lines, record);
        Procedure(lines, record);
        Documents(lines, record);
        Proof(lines, record);

        if (record.Variant == CaseFileVariant.Full) return lines;
        var redact = CaseFileRedaction.Redactor(CaseFileRedaction.Names(record));
        return [.. lines.Select(l => l.Style == LineStyle.Hash ? l : l with { Text = redact(l.Text) })];
    }

    private static void Facts(List<CaseFileLine> lines, CaseFileRecord record)
    {
        var c = record.Case;
        var definition = record.Read.Context.Definition;
        lines.Add(new(LineStyle.Heading, "1. The facts"));
        Field(lines, "Reference", c.Reference);
        Field(lines, "Deceased", c.DeceasedName);
        Field(lines, "Age", c.DeceasedAgeYears is { } age ? $"{age} years" : "not known");
        Field(lines, "Sex", c.DeceasedSex);
        Field(lines, "Found", Display.UtcTime(c.FoundAt));
        Field(lines, "Place", c.LocationDescription);
        Field(lines, "Coordinates", string.Create(CultureInfo.InvariantCulture, $"{c.Latitude:0.000000}, {c.Longitude:0.000000}"));
        Field(lines, "Circumstances", c.Circumstances);
        Field(lines, "Substances", c.Substances.Count == 0 ? "none recorded" : string.Join(", ", c.Substances));
        Field(lines, "Markers", c.Markers.Count == 0 ? "none recorded" : string.Join(", ", c.Markers.Select(Display.Words)));
        Field(lines, "Team", c.Team);
        Field(lines, "Case officer", record.Read.Context.OfficerName);
        Field(lines, "Opened", Display.UtcTime(c.OpenedAt));
        Field(lines, "Status", c.Status == CaseStatus.Closed ? $"closed {Display.UtcTime(c.ClosedAt)}" : "open");
        Field(lines, "Classification", CategoryTitle(definition, c.Classification));
        if (c.Owner is { } owner) Field(lines, "Owner of the investigation", owner);
        Field(lines, "Referral asked for by a supervisor", c.ReferralRequested ? "yes" : "no");
        if (c.NeedsReview) Field(lines, "Review", "information arrived after closure: the case is on the review list");

        lines.Add(new(LineStyle.Subheading, "Persons connected with the death"));
        if (c.Persons.Count == 0) lines.Add(new(LineStyle.Text, "None recorded."));
        foreach (var p in c.Persons.OrderBy(p => p.Id))
            Field(lines, Display.Words(CaseFileRedaction.RoleWords(p.Role)), Person(p.Name, p.Phone, p.Email, p.Username, record.Variant));
    }

    private static void Procedure(List<CaseFileLine> lines, CaseFileRecord record)
    {
        var definition = record.Read.Context.Definition;
        lines.Add(new(LineStyle.Heading, "2. The procedure, step by step"));
        var activities = record.Read.Context.Activities.OrderBy(a => a.At).ThenBy(a => a.Id).ToLookup(a => a.StepKey);
        var number = 0;
        foreach (var step in definition.Steps)
        {
            number++;
            var status = record.Read.Evaluation[step.Key];
            lines.Add(new(LineStyle.Subheading, $"2.{number} {step.Title}"));
            Field(lines, "What it is", StepKindWords(step, definition));
            Field(lines, "State", StateWords(status));
            foreach (var a in activities[step.Key]) Activity(lines, record, step, definition, a);
            if (!activities[step.Key].Any()) lines.Add(new(LineStyle.Text, "Nothing recorded on this step.", Indent: 1));
            if (step.Kind == StepKind.Linkage) Candidates(lines, record);
            if (step.Kind == StepKind.FamilyInformation) Register(lines, record);
            if (step.Decides == DecisionPurpose.Referral)
                lines.Add(new(LineStyle.Note, "The documents held for the case are listed in section 3.", Indent: 1));
        }
    }

    private static void Activity(List<CaseFileLine> lines, CaseFileRecord record, StepDefinition step, WorkflowDefinition definition, CaseActivity a)
    {
        var fields = FieldCodec.FromJson(a.FieldsJson);
        var when = Display.UtcTime(a.At);
        switch (a.Kind)
        {
            case ActivityKind.Completed:
                lines.Add(new(LineStyle.Text, $"{CompletedWords(step, fields)} by {a.ActorName}, {when}", Indent: 1));
                Answers(lines, record, step, fields);
                break;
            case ActivityKind.Returned:
                var by = fields.GetValueOrDefault(Engine.Commands.CaseEventActivities.ReturnedByField) is TextValue { Value: var key }
                    ? definition.FindStep(key)?.Title ?? key : "a sign-off";
                lines.Add(new(LineStyle.Text, $"Returned for redo by {a.ActorName}, {when}, at: {by}", Indent: 1));
                Field(lines, "Reason", a.Note ?? "none given", 2);
                break;
            case ActivityKind.Contributed:
                lines.Add(new(LineStyle.Text, $"Work recorded by {a.ActorName}, {when}: {a.Note}", Indent: 1));
                Answers(lines, record, step, fields);
                break;
            case ActivityKind.Requested:
                lines.Add(new(LineStyle.Text, $"Referral asked for by {a.ActorName}, {when}", Indent: 1));
                Field(lines, "Rationale", a.Note ?? "none given", 2);
                break;
        }
    }

    private static string CompletedWords(StepDefinition step, IReadOnlyDictionary<string, FieldValue> fields) => step.Kind switch
    {
        StepKind.SignOff => "Approved",
        StepKind.Decision when step.Decides == DecisionPurpose.Classification && fields.GetValueOrDefault("category") is ChoiceValue k =>
            $"Classified as {CategoryTitleOf(step, k.Value)}",
        StepKind.Decision when step.Decides == DecisionPurpose.Closure => "Closed",
        _ => "Completed",
    };

    /// <summary>The answers in the order of the step's form, then what the system recorded with them (decision, rationale).</summary>
    private static void Answers(List<CaseFileLine> lines, CaseFileRecord record, StepDefinition step, IReadOnlyDictionary<string, FieldValue> fields)
    {
        foreach (var f in step.Fields)
            if (fields.TryGetValue(f.Key, out var value)) Field(lines, f.Label, Answer(f, value, record), 2);
        foreach (var (key, value) in fields.Where(x => step.FindField(x.Key) is null))
            Field(lines, Display.Words(key), value is PersonValue p ? Person(p.Name, p.Phone, p.Email, p.Username, record.Variant) : FieldDisplay.Text(value, utc: true), 2);
    }

    private static string Answer(FieldDefinition field, FieldValue value, CaseFileRecord record) => value switch
    {
        PersonValue p => Person(p.Name, p.Phone, p.Email, p.Username, record.Variant) + (p.Role is { Length: > 0 } r ? $" ({r})" : ""),
        _ => FieldDisplay.Answer(field, value, record.UserNames, utc: true),
    };

    private static void Candidates(List<CaseFileLine> lines, CaseFileRecord record)
    {
        lines.Add(new(LineStyle.Subheading, "Linkage candidates: recorded deaths that scored at or above the threshold", Indent: 1));
        if (record.Candidates.Count == 0) lines.Add(new(LineStyle.Text, "No candidates.", Indent: 1));
        foreach (var (candidate, reference) in record.Candidates)
        {
            lines.Add(new(LineStyle.Text, string.Create(CultureInfo.InvariantCulture,
                $"Candidate {reference}: score {candidate.Score:0.00}, found {Display.UtcTime(candidate.AddedAt)}"), Indent: 1));
            foreach (var reason in candidate.ToDto(reference).Reasons)
                Field(lines, Display.Words(reason.Factor), string.Create(CultureInfo.InvariantCulture, $"{reason.Detail} (+{reason.Contribution:0.00})"), 2);
            Field(lines, "Disposition", candidate.Decision is { } d
                ? $"{Display.Words(d)}, by {candidate.DecidedByName}, {Display.UtcTime(candidate.DecidedAt)}"
                : "not yet decided", 2);
            if (candidate.Rationale is { } rationale) Field(lines, "Rationale", rationale, 2);
        }
    }

    private static void Register(List<CaseFileLine> lines, CaseFileRecord record)
    {
        lines.Add(new(LineStyle.Subheading, "The register of information from family and friends", Indent: 1));
        if (record.FamilyItems.Count == 0) lines.Add(new(LineStyle.Text, "No information logged.", Indent: 1));
        foreach (var item in record.FamilyItems)
        {
            var from = record.Variant == CaseFileVariant.Redacted ? $"[{item.ProvidedByRelationship}]"
                : item.ProvidedByContact is { } contact ? $"{item.ProvidedByLabel}, {contact}" : item.ProvidedByLabel;
            lines.Add(new(LineStyle.Text, $"{item.Reference}: from {from}, received {Display.UtcTime(item.ReceivedAt)}" +
                (item.How is { } how ? $" by {Display.Words(JsonNamingPolicy.KebabCaseLower.ConvertName(how.ToString()))}" : ""), Indent: 1));
            Field(lines, "Information", item.Summary, 2);
            Field(lines, "Logged", $"by {item.LoggedByName}, {Display.UtcTime(item.LoggedAt)}", 2);
            Field(lines, "Assigned to", record.UserNames.GetValueOrDefault(item.AssigneeId, item.AssigneeId), 2);
            Field(lines, "Due", Display.UtcTime(item.DueAt), 2);
            foreach (var action in item.Actions.OrderBy(x => x.At).ThenBy(x => x.Id))
                Field(lines, "Action", $"{action.Action}. Outcome: {action.Outcome} (by {action.ByName}, {Display.UtcTime(action.At)})", 2);
            Field(lines, "Answer to the family", item.Response is { } response
                ? $"{response} (by {item.RespondedByName}, {Display.UtcTime(item.RespondedAt)})"
                : "not yet answered", 2);
            Field(lines, "State", item.State == FamilyItemState.Closed ? $"closed {Display.UtcTime(item.ClosedAt)}" : "open", 2);
        }
    }

    private static void Documents(List<CaseFileLine> lines, CaseFileRecord record)
    {
        lines.Add(new(LineStyle.Heading, "3. Documents"));
        if (record.Documents.Count == 0) lines.Add(new(LineStyle.Text, "No documents are recorded for this case."));
        foreach (var d in record.Documents)
        {
            Field(lines, d.Name, $"added {Display.UtcTime(d.AddedAt)} by {d.AddedBy}");
            lines.Add(new(LineStyle.Hash, $"SHA-256 {d.Sha256}", Indent: 1));
        }
    }

    private static void Proof(List<CaseFileLine> lines, CaseFileRecord record)
    {
        lines.Add(new(LineStyle.Heading, "4. Proof against the audit trail"));
        lines.Add(new(LineStyle.Note,
            "Every change to a case is written to the system's audit trail as an event sealed by a SHA-256 hash of its content " +
            "and of the event before it, so that altering, removing or reordering any event breaks every seal after it. These are " +
            "this case's events and, last, the head of the whole chain when this file was made. An administrator checks the file " +
            "against the trail as it is now with the command verify-file or the page Verify a case file."));
        foreach (var e in record.AuditEvents)
        {
            lines.Add(new(LineStyle.Event, $"Event {e.Sequence.ToString(CultureInfo.InvariantCulture)}: {e.Action}, by {e.ActorName}, {Display.UtcTime(e.At)}"));
            lines.Add(new(LineStyle.Hash, e.Hash, Indent: 1));
        }
        lines.Add(new(LineStyle.Field, $"event {record.Head.Sequence.ToString(CultureInfo.InvariantCulture)}", "Head of the chain"));
        lines.Add(new(LineStyle.Hash, record.Head.Hash, Indent: 1));
    }

    private static void Field(List<CaseFileLine> lines, string label, string text, int indent = 0) =>
        lines.Add(new(LineStyle.Field, text, label, indent));

    private static string Person(string name, string? phone, string? email, string? username, CaseFileVariant variant)
    {
        if (variant == CaseFileVariant.Redacted) return name; // the redactor puts the role in its place; contacts are not shown
        var contacts = new[] { phone, email, username }.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        return contacts.Count == 0 ? name : $"{name} ({string.Join(", ", contacts)})";
    }

    private static string StepKindWords(StepDefinition step, WorkflowDefinition definition) => step.Kind switch
    {
        StepKind.Linkage => $"The comparison of this death with every recorded death; each candidate must be decided, linked or not linked, with a rationale. By: {step.Role}.",
        StepKind.FamilyInformation => $"Everything family and friends reported, what was done about it and what they were told. By: {step.Role}.",
        StepKind.SignOff => $"{Article(step.Role)} {step.Role}'s approval, never by whoever did the work, of: {string.Join("; ", step.Approves.Select(k => definition.FindStep(k)?.Title ?? k))}.",
        StepKind.Decision => $"A decision ({Display.Words(step.Decides.ToString())}) by the {step.Role}, with its rationale.",
        _ => $"A task for the {step.Role}" + (step.Due is { } due ? $", due {Display.Span(due)} after it applies." : "."),
    };

    private static string Article(string word) => "aeiou".Contains(word[0]) ? "An" : "A";

    private static string StateWords(StepStatus? status) => status is null ? "not evaluated" : status.State switch
    {
        StepState.Completed => "done" + (status.Completion is { } done ? $" ({Display.UtcTime(done.At)})" : ""),
        StepState.NotApplicable => "not required for this case",
        StepState.Returned => "returned for redo" + (status.DueAt is { } due ? $", due {Display.UtcTime(due)}" : ""),
        StepState.Available => "to do" + (status.DueAt is { } due ? $", due {Display.UtcTime(due)}" : ""),
        _ => "waiting" + (status.WaitingFor.Count > 0 ? $" for {string.Join(", ", status.WaitingFor)}" : ""),
    };

    private static string CategoryTitle(WorkflowDefinition definition, string key) =>
        definition.StepDeciding(DecisionPurpose.Classification) is { } step ? CategoryTitleOf(step, key) : Display.Words(key);

    private static string CategoryTitleOf(StepDefinition step, string key) =>
        step.Categories.FirstOrDefault(k => k.Key == key)?.Title ?? Display.Words(key);
}
