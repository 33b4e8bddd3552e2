using Onboarding.Ops.Domain;
using Onboarding.Ops.Testing;

namespace Onboarding.Ops.Web.Tests;

/// <summary>What a partner learns of screening: that the platform reviews the customer, never the list, the entry or the score.</summary>
public sealed class PartnerApiScreeningTests(SharedApp shared) : PartnerApiTestBase(shared)
{
    [Fact]
    public async Task AnOpenHit_IsAComplianceReviewForThePartner_WithNothingOfTheList()
    {
        var customer = A.Approvable();
        customer.RecordScreening(Actor.System, A.T0.AddHours(1), [A.Hit()], "Demo sanctions v1");
        await using (var db = Db())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }

        var response = await Client(await KeyOfAsync(customer.PartnerId)).GetAsync($"/api/v1/customers/{customer.Id}");

        var text = await response.Content.ReadAsStringAsync();
        var data = (await BodyAsync(response)).GetProperty("data");
        var blocker = Assert.Single(data.GetProperty("blockers").EnumerateArray());
        Assert.Equal(("compliance_review", "platform"), (blocker.GetProperty("code").GetString(), blocker.GetProperty("whoMustAct").GetString()));
        Assert.Equal("pending", data.GetProperty("status").GetString());
        foreach (var secret in new[] { "Vélez", "Demo sanctions", "Programme", "0.87", "screening", "sanction" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
