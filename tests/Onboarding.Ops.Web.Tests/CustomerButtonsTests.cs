using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;
using CustomerPage = Onboarding.Ops.Web.Components.Pages.Customers.Details;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Every button the customer page shows is an action the domain allows the person looking, now: rendered for every
/// customer of a demo population of 50 (every status among them; the same generator as the app's 300) and every
/// staff role, with the Documents and Checks tabs opened too.
/// </summary>
public sealed class CustomerButtonsTests : OpsComponentTest, IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app;

    public CustomerButtonsTests(SharedApp shared)
    {
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "50" });
        UseDatabaseOf(app);
        // Only the admin's Reassign menu reads it, when opened; the app's own, from a scope of the app.
        Context.Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<Features.Staff.StaffDirectory>());
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.Admin)]
    [InlineData(StaffRoles.ProductApprover)]
    public async Task EveryButtonShown_IsAnActionTheDomainAllowsNow(string role)
    {
        SignInAs(role);
        var actor = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, role)], "Test")).ToActor();
        await using var db = app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();
        var customers = await db.Customers.AsNoTracking().ToListAsync();
        Assert.Equal(Enum.GetValues<CustomerStatus>(), customers.Select(c => c.Status).Distinct().Order());
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var shown = 0;

        foreach (var customer in customers)
        {
            var allowed = customer.AllowedActions(actor, A.Policy, now).Where(a => a.Allowed).Select(a => a.Action.ToString()).ToHashSet();
            var page = Context.Render<CustomerPage>(p => p.Add(x => x.Id, customer.Id));
            page.WaitForState(() => page.FindAll("[data-testid=decisions], [data-testid=blockers]").Count > 0, TimeSpan.FromSeconds(10));
            var buttons = Buttons(page);
            // A product approver has no Documents or Checks tab: those are personal data it does not see.
            foreach (var tab in role == StaffRoles.ProductApprover ? [] : new[] { "Documents", "Checks" })
            {
                // Found and clicked in one step: the page may still re-render with data arriving (a server database answers later).
                await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.Trim().StartsWith(tab, StringComparison.Ordinal)).Click());
                buttons.AddRange(Buttons(page));
            }

            Assert.All(buttons, action => Assert.True(allowed.Contains(action),
                $"{role} sees '{action}' on {Wire.Of(customer.Status)} customer {customer.Id}, which the domain does not allow now."));
            shown += buttons.Count;
        }

        // Reviewers and support act on the population; a product approver has no customer action here.
        Assert.True(role == StaffRoles.ProductApprover ? shown == 0 : shown > customers.Count, $"{shown} buttons shown to {role}.");
    }

    private static List<string> Buttons(IRenderedComponent<CustomerPage> page) =>
        [.. page.FindAll("[data-customer-action]").Select(b => b.GetAttribute("data-customer-action")!)];
}
