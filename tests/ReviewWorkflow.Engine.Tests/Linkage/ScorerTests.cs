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
        Assert.Equal("same finder: M. H... (same name and phone number)", reasons["sharedPerson"]);
        Assert.Equal(score.Score, score.Reasons.Sum(r => r.Contribution), 10);
        Assert.Equal(score.Reasons.OrderByDescending(r => r.Contribution), score.Reasons);
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
        Assert.Equal("same finder: S. M... (same name)", byName.Reasons.Single(r => r.Factor == "sharedPerson").Detail);
    }

    [Fact]
    public void APersonInDifferentRolesIsNamedWithBothRoles()
    {
        var score = LinkageScorer.Score(Default, Death(identifiers: [Phone("+447700900777", role: "witness", label: "S. M...")]),
            Death(identifiers: [Phone("+447700900777", role: "reporting-person", label: "S. M...")]));

        Assert.Equal("same person: S. M..., witness here and reporting person there (same phone number)",
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
    public void UnknownSexOrAgeAddsNothingToTheProfile()
    {
        var score = LinkageScorer.Score(Default, Death(sex: "unknown", age: null), Death(sex: "unknown", age: null));
        Assert.DoesNotContain(score.Reasons, r => r.Factor == "profile");
    }
}
