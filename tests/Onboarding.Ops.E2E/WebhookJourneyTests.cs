using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Data;

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
        await admin.GotoAsync("/admin/partners");
        await new ShellPage(admin).WaitUntilInteractiveAsync();
        var partner = admin.Locator($"[data-partner={active.PartnerId}]");

        await partner.GetByLabel("Webhook URL", new() { Exact = true }).FillAsync(receiver.Url);
        await partner.GetByRole(AriaRole.Button, new() { Name = "Save webhook URL" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Webhook URL saved.")).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Create secret" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("issued-key")).ToContainTextAsync("Webhook signing secret");
        var secret = await admin.GetByTestId("issued-secret").InnerTextAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await new ShellPage(admin).ScreenshotAsync("admin-partner-webhook");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Issue key" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("issued-key")).ToContainTextAsync("New API key");
        var key = await admin.GetByTestId("issued-secret").InnerTextAsync();

        var patched = await admin.Context.APIRequest.PatchAsync($"{browser.BaseUrl}/api/v1/customers/{active.Id}", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" },
            DataObject = new { individualData = new { lastName = "Quintero-Álvarez" } },
        });
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
