using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Hosted;
using Onboarding.Ops.Web.Features.Webhooks;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Support's rights, settled: read, add notes, issue a new verification link (with a reason) and redeliver webhooks;
/// never a change of status, data, documents or access. The decisions' own role matrix is in CustomerDecisionsTests.
/// </summary>
public sealed class SupportRightsTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });

    [Fact]
    public void Support_IsInExactlyTheReadingAndAssistingPolicies()
    {
        var support = Policies.RolesByPolicy.Where(p => p.Value.Contains(StaffRoles.Support)).Select(p => p.Key).Order();

        Assert.Equal([Policies.Assist, Policies.Customers, Policies.Staff], support);
    }

    public static TheoryData<string, string> AssistingActionsByRole()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[] { "new-link", "redeliver" })
        {
            foreach (var role in StaffRoles.All)
            {
                data.Add(action, role);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AssistingActionsByRole))]
    public async Task AssistingAction_AsRole_IsAllowedOnlyToThoseWhoAssist(string action, string role)
    {
        var customer = A.HostedEmpty();
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
        }
        var email = OpsAppFactory.DemoEmailByRole[role];

        var thrown = await Record.ExceptionAsync(() => action == "new-link"
            ? app.RunAsAsync<VerificationLinks, IssuedLink>(email, l => l.RegenerateAsync(customer.Id, customer.Version, "The end user lost the email."))
            : app.RunAsAsync<WebhookLog, DecisionResult>(email, l => l.RedeliverAsync(Guid.NewGuid())));

        if (Policies.RolesByPolicy[Policies.Assist].Contains(role))
        {
            Assert.Null(thrown);
        }
        else
        {
            Assert.IsType<StaffForbiddenException>(thrown);
        }
    }
}
