using ReviewWorkflow.Engine.Linkage;
using static ReviewWorkflow.Engine.Tests.LinkageCheck.Subjects;

namespace ReviewWorkflow.Engine.Tests.LinkageCheck;

public sealed class ScorerTests
{
    [Fact]
    public void TheBarkingPairScoresHighWithReasonsInPlainWords()
    {
        var first = Death(identifiers: [Name("Margaret Hollis"), Phone("+447700900461")]);
        var second = Death(northMetres: 480, days: 70, substances: ["GBL"], age: 22,
            identifiers: [Name("MARGARET hollis"), Phone("+447700900461")]);

        var score = LinkageScorer.Score(Default, second, first);

        Assert.InRange(score.Score, 0.75, 1);
        var reasons = score.Reasons.ToDictionary(r => r.Factor, r => r.Detail);
        Assert.Equal("found 480 m apart", reasons["distance"]);
        Assert.Equal("found 2 months apart", reasons["time"]);
        Assert.Equal("both GHB/GBL", reasons["substance"]);
        Assert.Equal("both male, aged 22 and 23", reasons["profile"]);
        Assert.Equal("shared markers: found-outdoors, phone-missing, posed", reasons["markers"]);
        Assert.Equal("M. H...: finder in UD-TEST; finder in UD-TEST (same name and phone number)", reasons["sharedPerson"]);
        Assert.Equal(score.Score, score.Reasons.Sum(r => r.Contribution), 10);
        Assert.Equal("sharedPerson", score.Reasons[0].Factor);
        Assert.Equal(score.Reasons.Skip(1).OrderByDescending(r => r.Contribution), score.Reasons.Skip(1));
    }

    [Fact]
    public void UnrelatedDeathsScoreNearZero()
    {
        var score = LinkageScorer.Score(Default,
            Death(substances: ["alcohol"], sex: "female", age: 81, markers: ["found-indoors"]),
            Death(days: 900, substances: ["heroin"], age: 30, latitude: 53.48, longitude: -2.24));

        Assert.True(score.Score < 0.05, $"score {score.Score}");
        Assert.False(score.Reaches(Default.Threshold));
    }

    [Fact]
    public void EachFactorWeighsAsTheDefinitionSays()
    {
        var a = Death();
        var b = Death(northMetres: 300, days: 10);

        var withoutDistance = LinkageScorer.Score(With("distance", 0), a, b);
        var withMoreDistance = LinkageScorer.Score(With("distance", 30), a, b);

        Assert.DoesNotContain(withoutDistance.Reasons, r => r.Factor == "distance");
        Assert.True(withMoreDistance.Reasons.Single(r => r.Factor == "distance").Contribution >
                    LinkageScorer.Score(Default, a, b).Reasons.Single(r => r.Factor == "distance").Contribution);
        Assert.InRange(LinkageScorer.Score(With("sharedPerson", 1000), a, b).Score, 0, 1);
    }

    [Fact]
    public void IdenticalDeathsScoreOne()
    {
        var a = Death(identifiers: [Phone("+447700900461")]);
        var score = LinkageScorer.Score(Default, a, a with { Identifiers = [Phone("+447700900461"), Mention("Anthony Walgate")] });
        Assert.Equal(1 - 2.0 / 15, score.Score, 6); // everything but a name in the circumstances
    }

    [Fact]
    public void DistanceAndTimeFallToNothingAtTheRadiusAndWindow()
    {
        Assert.Equal(1, LinkageScorer.DistanceStrength(Default, 0), 10);
        Assert.True(LinkageScorer.DistanceStrength(Default, 0.48) > LinkageScorer.DistanceStrength(Default, 2));
        Assert.Equal(0, LinkageScorer.DistanceStrength(Default, 5));
        Assert.Equal(0, LinkageScorer.DistanceStrength(Default, 50));
        Assert.True(LinkageScorer.TimeStrength(Default, 30) > LinkageScorer.TimeStrength(Default, 400));
        Assert.Equal(0, LinkageScorer.TimeStrength(Default, 1095));
    }

    [Fact]
    public void ASharedNameAloneIsWeakerEvidenceThanASharedPhone()
    {
        var far = Death(days: 2000, latitude: 55, substances: [], markers: []);
        var byName = LinkageScorer.Score(Default, Death(identifiers: [Name("Stephen Marsh")]), far with { Identifiers = [Name("stephen marsh")] });
        var byPhone = LinkageScorer.Score(Default, Death(identifiers: [Phone("+447700900777")]), far with { Identifiers = [Phone("+447700900777")] });

        Assert.True(byName.Score < byPhone.Score);
        Assert.Equal("S. M...: finder in UD-TEST; finder in UD-TEST (same name)", byName.Reasons.Single(r => r.Factor == "sharedPerson").Detail);
    }

    [Fact]
    public void APersonInDifferentRolesIsNamedWithBothRoles()
    {
        var score = LinkageScorer.Score(Default, Death(identifiers: [Phone("+447700900777", role: "witness", label: "S. M...")]),
            Death(identifiers: [Phone("+447700900777", role: "reporting-person", label: "S. M...")]));

        Assert.Equal("S. M...: witness in UD-TEST; reporting person in UD-TEST (same phone number)",
            score.Reasons.Single(r => r.Factor == "sharedPerson").Detail);
    }

    [Fact]
    public void ADeceasedNamedInAnotherDeathsCircumstancesIsAFactorButNotASharedPerson()
    {
        var earlier = Death(identifiers: [Name("Gavin Korver", role: "deceased", person: "deceased")]);
        var later = Death(days: 23, identifiers: [Mention("Gavin Korver"), Name("Gavin Korver", role: "deceased", person: "deceased")]);

        var score = LinkageScorer.Score(Default, later, earlier);

        Assert.Equal("G. K... (deceased in the other case) named in the circumstances here",
            score.Reasons.Single(r => r.Factor == "namedInCircumstances").Detail);
        Assert.DoesNotContain(score.Reasons, r => r.Factor == "sharedPerson");
    }

    [Fact]
    public void ASharedPersonAlwaysReachesAndIsListedFirstWhateverDistanceTimeAndThreshold()
    {
        var here = Death(identifiers: [Phone("+447700900777", role: "associate", label: "D. K...")]);
        var there = Death(days: 5 * 365, latitude: 53.48, longitude: -2.24, substances: ["heroin"], sex: "female", age: 70, markers: [],
            identifiers: [Phone("+447700900777", role: "named by a friend in FI-1", label: "D. K...")]);

        var score = LinkageScorer.Score(Default with { Threshold = 0.99 }, here, there);

        Assert.True(score.Score < 0.35, $"score {score.Score}");
        Assert.True(score.Reaches(0.99));
        Assert.Equal("sharedPerson", score.Reasons[0].Factor);
        Assert.Equal("D. K...: associate in UD-TEST; named by a friend in FI-1 of UD-TEST (same phone number)", score.Reasons[0].Detail);
        Assert.True(LinkageScorer.Score(With("sharedPerson", 0), here, there).Reaches(0.99), "even where the definition gives it no weight");
        Assert.False(LinkageScorer.Score(Default with { Threshold = 0.99 }, here, there with { Identifiers = [] }).Reaches(0.99));
    }

    [Fact]
    public void ANameMatchesEveryKindOfNameButTwoMereCapitalisedRunsDoNot()
    {
        var far = Death(days: 2000, latitude: 55, substances: [], markers: []);
        LinkageIdentifier Of(string kind) => new(kind, "daniel kerr", "somewhere", kind, "D. K...");
        string[] kinds = [IdentifierKinds.Name, IdentifierKinds.Mention, IdentifierKinds.PersonMention];
        foreach (var a in kinds)
            foreach (var b in kinds)
            {
                var score = LinkageScorer.Score(Default, Death(identifiers: [Of(a)]), far with { Identifiers = [Of(b)] });
                Assert.Equal(!(a == IdentifierKinds.Mention && b == IdentifierKinds.Mention), score.SharesPerson);
            }
    }

    [Fact]
    public void IdentifiersJoinedThroughTheOtherSideAreOnePerson()
    {
        // Here his name (in a friend's item) and his number (as an associate) are two entries; there, one person has both.
        var here = Death(identifiers: [Name("Daniel Kerr", role: "named by a friend in FI-1", person: "0"), Phone("+447700900461", role: "associate", person: "1", label: "D. K...")]);
        var there = Death(identifiers: [Name("Daniel Kerr", role: "associate", person: "0"), Phone("+447700900461", role: "associate", person: "0", label: "D. K...")]);

        var detail = LinkageScorer.Score(Default, here, there).Reasons[0].Detail;

        Assert.Equal("D. K...: named by a friend in FI-1 and associate in UD-TEST; associate in UD-TEST (same name and phone number)", detail);
    }

    [Fact]
    public void UnknownSexOrAgeAddsNothingToTheProfile()
    {
        var score = LinkageScorer.Score(Default, Death(sex: "unknown", age: null), Death(sex: "unknown", age: null));
        Assert.DoesNotContain(score.Reasons, r => r.Factor == "profile");
    }
}
