using ReviewWorkflow.Engine.Linkage;
using static ReviewWorkflow.Engine.Tests.LinkageCheck.Subjects;

namespace ReviewWorkflow.Engine.Tests.LinkageCheck;

public sealed class SearchPlanTests
{
    private static readonly string[][] Substances = [[], ["alcohol"], ["MDMA"], ["GHB"], ["ketamine", "alcohol"], ["xylazine"]];
    private static readonly string[][] MarkerSets = [[], ["found-outdoors"], ["found-outdoors", "posed", "phone-missing"]];

    /// <summary>
    /// The plan only narrows the search: every death the scorer keeps (without a shared person,
    /// which is looked up at any distance) lies in a place box, or shares a rare drug and lies in
    /// the rare-drug span. Thousands of random pairs, fixed seed.
    /// </summary>
    [Fact]
    public void NoDeathTheScorerWouldKeepFallsOutsideThePlan()
    {
        var random = new Random(11);
        var kept = 0;
        for (var n = 0; n < 40_000; n++)
        {
            var subject = RandomDeath(random, 0, 0);
            // Skewed towards near and recent, where the boundary of what can be kept lies.
            var other = RandomDeath(random, Math.Pow(random.NextDouble(), 2) * 6000, Math.Pow(random.NextDouble(), 2) * 1095);
            var score = LinkageScorer.Score(Default, subject, other);
            if (!score.Reaches(Default.Threshold)) continue;
            kept++;
            var plan = LinkageSearchPlan.For(Default, subject);
            var km = Geo.DistanceKm(subject.Latitude, subject.Longitude, other.Latitude, other.Longitude);
            var days = Math.Abs((subject.FoundAt - other.FoundAt).TotalDays);
            var inBox = plan.PlaceBoxes.Any(b => km * 1000 <= b.RadiusMeters && days <= b.Window.TotalDays);
            var sharesRare = other.SubstanceFamilies.Intersect(plan.RareFamilies).Any();
            var sameSex = subject.Sex == other.Sex && subject.Sex != "unknown";
            var sharedMarker = subject.Markers.Intersect(other.Markers).Any();
            var inRare = sharesRare && (plan.RareWindow.Covers(days, sameSex, sharedMarker) || (km <= 5 && days <= 1095));
            Assert.True(inBox || inRare, $"kept at {km:0.00} km, {days:0} days, score {score.Score:0.000}, not searched");
        }
        Assert.True(kept > 2000, $"only {kept} kept pairs: the test would prove little");
    }

    [Fact]
    public void ADeathWithNothingRareIsSearchedOnlyCloseByAndRecently()
    {
        var plan = LinkageSearchPlan.For(Default, Death(substances: ["alcohol"]));

        Assert.Empty(plan.RareFamilies);
        Assert.InRange(plan.PlaceBoxes.Max(b => b.RadiusMeters), 1000, 2500);
        Assert.Equal(1095, plan.PlaceBoxes[0].Window.TotalDays);
        Assert.True(plan.PlaceBoxes[^1].Window.TotalDays < 120);
    }

    [Fact]
    public void ARareDrugIsSearchedAtAnyDistanceWithinAFewMonths()
    {
        var plan = LinkageSearchPlan.For(Default, Death(substances: ["GBL"]));

        Assert.Equal(["GHB/GBL"], plan.RareFamilies);
        Assert.InRange(plan.RareWindow.SameSexSharedMarker.TotalDays, 120, 240);
        Assert.True(plan.RareWindow.SharedMarker < plan.RareWindow.SameSexSharedMarker);
        Assert.Equal(TimeSpan.Zero, plan.RareWindow.SameSex); // sharing no marker, a far death cannot reach the threshold
    }

    [Fact]
    public void IdentifiersAreLookedUpAsNamesPhonesAndMentions()
    {
        var plan = LinkageSearchPlan.For(Default, Death(identifiers:
            [Name("Margaret Hollis"), Phone("+447700900461"), Mention("Gavin Korver"), Name("Adam Whitlock", role: "deceased", person: "deceased")]));

        Assert.Contains(("name", "margaret hollis"), plan.Lookups);
        Assert.Contains(("mention", "margaret hollis"), plan.Lookups);
        Assert.Contains(("phone", "+447700900461"), plan.Lookups);
        Assert.Contains(("name", "gavin korver"), plan.Lookups);
        Assert.Contains(("mention", "adam whitlock"), plan.Lookups);
        Assert.DoesNotContain(("name", "adam whitlock"), plan.Lookups);
        Assert.Contains(("person-mention", "margaret hollis"), plan.Lookups);
        Assert.Contains(("person-mention", "gavin korver"), plan.Lookups);
        Assert.DoesNotContain(("mention", "gavin korver"), plan.Lookups); // two mere capitalised runs are no match
    }

    private static LinkageSubject RandomDeath(Random random, double northMetres, double days) => Death(
        northMetres: northMetres, days: days,
        substances: Substances[random.Next(Substances.Length)],
        sex: random.Next(3) switch { 0 => "female", 1 => "unknown", _ => "male" },
        age: random.Next(5) == 0 ? null : 20 + random.Next(8),
        markers: MarkerSets[random.Next(MarkerSets.Length)]);
}
