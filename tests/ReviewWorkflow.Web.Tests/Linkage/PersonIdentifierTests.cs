using ReviewWorkflow.Engine.Linkage;
using ReviewWorkflow.Web.Linkage;

namespace ReviewWorkflow.Web.Tests.Linkage;

public sealed class PersonIdentifierTests
{
    [Theory]
    [InlineData("07700 900461", "+447700900461")]
    [InlineData("+44 7700 900461", "+447700900461")]
    [InlineData("(0)7700-900-461", "+447700900461")]
    [InlineData("0044 7700 900461", "+447700900461")]
    [InlineData("020 7946 0018", "+442079460018")]
    [InlineData("+33 1 23 45 67 89", "+33123456789")]
    public void PhoneNumbersBecomeE164WithTheUkAsDefault(string raw, string e164) => Assert.Equal(e164, PersonIdentifiers.Phone(raw));

    [Theory]
    [InlineData("unknown")]
    [InlineData("12")]
    [InlineData("call the front desk")]
    public void AnUnreadablePhoneNumberIsNotAnIdentifier(string raw) => Assert.Null(PersonIdentifiers.Phone(raw));

    [Fact]
    public void AnUnreadablePhoneNumberIsKeptOnThePersonButMatchesNothing()
    {
        var ids = PersonIdentifiers.For("unknown", "", [("Margaret Hollis", "finder", "ring the pub", "M.Hollis@Example.ORG ", "@Maggie_H")]);

        Assert.DoesNotContain(ids, i => i.Kind == IdentifierKinds.Phone);
        Assert.Contains(ids, i => i is { Kind: IdentifierKinds.Email, Value: "m.hollis@example.org" });
        Assert.Contains(ids, i => i is { Kind: IdentifierKinds.Username, Value: "maggie_h" });
        Assert.Contains(ids, i => i is { Kind: IdentifierKinds.Name, Value: "margaret hollis", Label: "M. H..." });
    }

    [Fact]
    public void TheDeceasedAndNamesInTheCircumstancesAreIdentifiersToo()
    {
        var ids = PersonIdentifiers.For("Daniel Whitcombe", "A note said he had given Gavin Korver drugs.", []);

        Assert.Contains(ids, i => i is { Kind: IdentifierKinds.Name, Value: "daniel whitcombe", Role: LinkageIdentifier.DeceasedRole });
        Assert.Contains(ids, i => i is { Kind: IdentifierKinds.Mention, Value: "gavin korver" });
    }
}
