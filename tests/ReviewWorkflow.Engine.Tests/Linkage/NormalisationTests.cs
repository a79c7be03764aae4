using ReviewWorkflow.Engine.Linkage;

namespace ReviewWorkflow.Engine.Tests.LinkageCheck;

public sealed class NormalisationTests
{
    [Theory]
    [InlineData("GHB")]
    [InlineData("gbl")]
    [InlineData("GBL")]
    [InlineData("1,4-BD")]
    [InlineData("1.4 bd")]
    [InlineData("1,4-Butanediol")]
    [InlineData("gamma-hydroxybutyrate")]
    public void GblAndButanediolBelongToTheGhbFamily(string spelling)
    {
        Assert.Equal("GHB/GBL", SubstanceCatalog.Find(spelling)?.Key);
        Assert.Equal(["GHB/GBL"], SubstanceCatalog.Read([spelling]).Families);
    }

    [Fact]
    public void AnUnknownSpellingIsKeptFlaggedAndStillComparable()
    {
        var reading = SubstanceCatalog.Read(["GHB", " Xylazine ", "gbl"]);

        Assert.Equal(["GHB/GBL", "?xylazine"], reading.Families);
        Assert.Equal(["Xylazine"], reading.Unrecognised);
        Assert.Equal(reading.Families, SubstanceCatalog.Read(["xylazine", "GHB"]).Families.Reverse());
    }

    [Fact]
    public void SpellingsIgnoreCaseAndAccents() => Assert.Equal("ketamine", SubstanceCatalog.Find("KÉTAMINE")?.Key);

    [Theory]
    [InlineData("  MARGARET   Hollis ", "margaret hollis")]
    [InlineData("Margarét hollis", "margaret hollis")]
    [InlineData("Seán O'Brien", "sean obrien")]
    [InlineData("Łukasz Żółć", "lukasz zolc")]
    [InlineData("Anne-Marie Ström", "anne marie strom")]
    public void NamesAreFoldedForCaseAccentsAndSpacing(string name, string folded) =>
        Assert.Equal(folded, Folding.IdentifyingName(name));

    [Theory]
    [InlineData("Anonymous caller")]
    [InlineData("unknown")]
    [InlineData("Dave")]
    [InlineData("  ")]
    public void PlaceholdersAndSingleNamesIdentifyNobody(string name) => Assert.Null(Folding.IdentifyingName(name));

    [Theory]
    [InlineData("Margaret Hollis", "M. H...")]
    [InlineData("margaret anne hollis", "M. H...")]
    [InlineData("Hollis", "H...")]
    public void LabelsShowInitialsOnly(string name, string label) => Assert.Equal(label, Folding.Label(name));

    [Fact]
    public void MentionsAreTheCapitalisedNamesOfAText()
    {
        var mentions = Folding.Mentions("A note with the body said he had given Gavin Korver's friend drugs; found near Barking Abbey.");

        Assert.Contains("gavin korver", mentions);
        Assert.Contains("barking abbey", mentions);
        Assert.DoesNotContain(mentions, m => m.Contains("note"));
    }

    [Theory]
    [InlineData("Neighbours said a man called Daniel Kerr had visited the flat.", "daniel kerr")]
    [InlineData("She was last seen with Daniel Kerr, a friend.", "daniel kerr")]
    [InlineData("Found by Mr Daniel Kerr on his way to work.", "daniel kerr")]
    [InlineData("A man named Dániel KERR rang twice.", "daniel kerr")]
    public void APersonMentionIsACapitalisedNameAfterACue(string text, string name)
    {
        Assert.Equal([name], Folding.PersonMentions(text));
        Assert.DoesNotContain(name, Folding.Mentions(text));
    }

    [Fact]
    public void ACapitalisedRunWithoutACueIsOnlyAMention()
    {
        const string text = "Found near Barking Abbey. Daniel Kerr had visited.";
        Assert.Empty(Folding.PersonMentions(text));
        Assert.Equal(["barking abbey", "daniel kerr"], Folding.Mentions(text).Order());
    }
}
