using Onboarding.Ops.Domain.Partners;

namespace Onboarding.Ops.Domain.Tests;

public sealed class PartnerTests
{
    private static readonly Actor Admin = Actor.Admin("staff-admin", "Ada Admin");

    [Fact]
    public void IssueKey_ReturnsTheSecretOnce_AndStoresOnlyItsHash()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        var secret = partner.IssueKey(Admin, A.T0.AddMinutes(1));

        var key = Assert.Single(partner.Keys);
        Assert.StartsWith("ops_", secret);
        Assert.True(secret.Length > 40);
        Assert.Equal(ApiKey.HashOf(secret), key.Hash);
        Assert.DoesNotContain(secret, key.Hash);
        Assert.Equal(secret[..10], key.Prefix);
        Assert.Equal(["partner_created", "api_key_issued"], partner.TakeNewAuditEntries().Select(e => e.Action));
    }

    [Fact]
    public void IssueKey_Twice_KeepsBothForRotation()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        var first = partner.IssueKey(Admin, A.T0);
        var second = partner.IssueKey(Admin, A.T0);

        Assert.NotEqual(first, second);
        Assert.Equal(2, partner.Keys.Count);
    }

    [Fact]
    public void RevokeKey_MarksItRevoked_AndTwiceIsRefused()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");
        partner.IssueKey(Admin, A.T0);
        var key = partner.Keys[0];

        partner.RevokeKey(Admin, A.T0.AddDays(1), key.Id);

        Assert.Equal(A.T0.AddDays(1), key.RevokedAt);
        Assert.Throws<DomainRuleException>(() => partner.RevokeKey(Admin, A.T0.AddDays(2), key.Id));
    }

    [Fact]
    public void PartnerChanges_ByNonAdmin_AreRefused()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        Assert.Throws<DomainRuleException>(() => partner.IssueKey(A.Reviewer, A.T0));
        Assert.Throws<DomainRuleException>(() => partner.SetDisabled(A.Approver, A.T0, true));
        Assert.Throws<DomainRuleException>(() => Partner.Create(A.Support, A.T0, "x", "X"));
        Assert.Empty(partner.Keys);
    }

    [Fact]
    public void SetDisabled_TogglesAndRefusesNoOps()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        partner.SetDisabled(Admin, A.T0, true);

        Assert.True(partner.Disabled);
        Assert.Throws<DomainRuleException>(() => partner.SetDisabled(Admin, A.T0, true));
    }

    [Theory]
    [InlineData("https://hooks.lumen.example/onboarding", true)]
    [InlineData("http://127.0.0.1:5000/hooks", true)]
    [InlineData("http://hooks.lumen.example/onboarding", false)]
    [InlineData("ftp://hooks.lumen.example", false)]
    [InlineData("/relative", false)]
    public void SetWebhookUrl_HttpsOrLocalhostOnly(string url, bool allowed)
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        var refused = Record.Exception(() => partner.SetWebhookUrl(Admin, A.T0, url));

        Assert.Equal(allowed, refused is null);
        Assert.Equal(allowed ? url : null, partner.WebhookUrl);
    }

    [Fact]
    public void RotateWebhookSecret_GivesANewSecretEachTime_ByAdminsOnly()
    {
        var partner = Partner.Create(Admin, A.T0, "lumen-wallet", "Lumen Wallet");

        static string Seal(string secret) => $"sealed({secret})";

        var first = partner.RotateWebhookSecret(Admin, A.T0, Seal);
        var second = partner.RotateWebhookSecret(Admin, A.T0, Seal);

        Assert.StartsWith("whsec_", first);
        Assert.NotEqual(first, second);
        Assert.Equal($"sealed({second})", partner.SealedWebhookSecret); // only the sealed form is kept
        Assert.Throws<DomainRuleException>(() => partner.RotateWebhookSecret(A.Reviewer, A.T0, Seal));
        Assert.Throws<DomainRuleException>(() => partner.SetWebhookUrl(A.Support, A.T0, "https://x.example"));
    }
}
