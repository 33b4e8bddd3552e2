using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Onboarding.Ops.Web.Tests;

/// <summary>An instance runs a few partner requests at once; the others wait their turn rather than being refused.</summary>
public sealed class PartnerApiConcurrencyTests(SharedApp shared)
    : PartnerApiTestBase(shared, new() { ["PartnerApi:ConcurrentRequests"] = "1" })
{
    [Fact]
    public async Task MoreRequestsThanTheCap_AtOnce_AllWaitTheirTurnAndSucceed()
    {
        var client = Client(await KeyOfAsync("lumen-wallet"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsync("/api/v1/customers", new StringContent($$"""
            { "type": "individual", "level": "minimum", "verificationModel": "partner_verified",
              "individualData": { "firstName": "Ngozi", "lastName": "Eze{{i}}", "birthDate": "1990-05-14", "nationality": "NG",
                                  "email": "ngozi.{{i}}@example.ng", "phone": "+2348031234567" } }
            """, Encoding.UTF8, "application/json"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        await using var db = Db();
        Assert.Equal(12, await db.Customers.CountAsync());
        Assert.Empty(app.Errors);
    }
}
