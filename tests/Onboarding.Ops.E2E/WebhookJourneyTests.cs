using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.E2E;

/// <summary>An admin points a partner's webhook at its receiver; the partner hears of changes, signed; support sees the log.</summary>
public sealed class WebhookJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_SetsUpTheWebhook_ThePartnerHearsOfAnUpdate_AndSupportSeesTheDelivery()
    {
        await using var receiver = await Receiver.StartAsync();
        Customer active;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync())
        {
            active = await db.Customers.AsNoTracking().Where(c => c.Status == CustomerStatus.Active && c.Type == CustomerType.Individual)
                .OrderByDescending(c => c.CreatedAt).FirstAsync();
        }
        var admin = await browser.NewPageAsync();
        await new LoginPage(admin).SignInAsync(OpsAppFactory.Admin, OpsAppFactory.DemoPassword);
        var partners = new PartnersPage(admin);
        await partners.OpenAsync();
        var secret = await partners.SetWebhookAsync(active.PartnerId, receiver.Url);
        await partners.SendTestEventAsync(active.PartnerId);
        await new ShellPage(admin).ScreenshotAsync("admin-partner-webhook");
        var key = await partners.IssueKeyAsync(active.PartnerId);

        var patched = await new PartnerIntegration(admin, key).ChangeCustomerAsync(active.Id.ToString(),
            new { individualData = new { lastName = "Quintero-Álvarez" } });
        Assert.Equal(200, patched.Status);
        // The dispatcher runs every second in this app: give it a few passes.
        for (var waited = 0; receiver.Received.Count < 2 && waited < 150; waited++)
        {
            await Task.Delay(100);
        }

        var deliveries = receiver.Received.ToList();
        Assert.All(deliveries, d => Assert.True(Receiver.Verifies(secret, d)));
        Assert.Contains("webhook.test", deliveries[0].Body);
        Assert.Contains("\"status\":\"update_requested\"", deliveries[^1].Body);

        var support = await browser.NewPageAsync();
        await new LoginPage(support).SignInAsync(OpsAppFactory.Support, OpsAppFactory.DemoPassword);
        await support.GotoAsync($"/customers/{active.Id}");
        await new ShellPage(support).WaitUntilInteractiveAsync();
        await new CustomerPage(support).WaitAsync();
        await new CustomerPage(support).OpenTabAsync("Webhooks");
        await Assertions.Expect(support.GetByTestId("delivery-state").First).ToHaveTextAsync("Delivered");
        await Assertions.Expect(support.GetByText("HTTP 200").First).ToBeVisibleAsync();
        await new ShellPage(support).ScreenshotAsync("customer-webhooks");
    }
}
