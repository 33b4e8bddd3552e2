using Onboarding.Ops.Domain.ReasonCodes;

namespace Onboarding.Ops.Domain.Tests;

public sealed class ReasonCatalogueTests
{
    [Theory]
    [InlineData("document_edited")]
    [InlineData("underage")]
    [InlineData("unsupported_country")]
    [InlineData("duplicate_customer")]
    [InlineData("sanctions_match")]
    [InlineData("suspected_fraud")]
    public void Find_CodeFinalInDomain_IsFinalByDefault(string code) =>
        Assert.True(ReasonCatalogue.Find(code)!.FinalByDefault);

    [Theory]
    [InlineData("name_mismatch")]
    [InlineData("document_unreadable")]
    [InlineData("document_expired")]
    [InlineData("placeholder_data")]
    [InlineData("missing_required_fields")]
    [InlineData("liveness_failed")]
    public void Find_CodeRetryableInDomain_IsRetryableByDefault(string code) =>
        Assert.False(ReasonCatalogue.Find(code)!.FinalByDefault);

    [Fact]
    public void All_Codes_AreUniqueAndEachHasACustomerMessage()
    {
        Assert.Equal(ReasonCatalogue.All.Count, ReasonCatalogue.All.Select(r => r.Code).Distinct().Count());
        Assert.All(ReasonCatalogue.All, r => Assert.False(string.IsNullOrWhiteSpace(r.CustomerMessage)));
    }

    [Fact]
    public void Find_UnknownCode_ReturnsNull() => Assert.Null(ReasonCatalogue.Find("no_such_code"));
}
