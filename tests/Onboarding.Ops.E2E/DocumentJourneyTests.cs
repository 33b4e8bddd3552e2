using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.E2E;

/// <summary>A reviewer looks at a document beside the profile, turns it, and accepts it from the viewer.</summary>
public sealed class DocumentJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Reviewer_ComparesThePassportWithTheProfile_AndAcceptsIt()
    {
        Customer customer;
        await using (var db = await browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContextAsync())
        {
            var candidates = await db.Customers.AsNoTracking()
                .Where(c => c.Status == CustomerStatus.Pending && c.Type == CustomerType.Individual && c.AssigneeId == null)
                .ToListAsync();
            customer = candidates.First(c => c.WhyNot(CustomerAction.ReviewDocument, A.Reviewer, A.Policy, DateTimeOffset.UtcNow) is null && c.Documents.Any(d => d.IsIdentity && d.State == DocumentReviewState.Received));
        }
        var passport = customer.Documents.First(d => d.IsIdentity && d.State == DocumentReviewState.Received);
        var page = await browser.NewPageAsync();
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{customer.Id}");
        await new ShellPage(page).WaitUntilInteractiveAsync();
        var record = new CustomerPage(page);
        await record.WaitAsync();

        await record.OpenTabAsync("Documents");
        await page.GetByRole(AriaRole.Button, new() { Name = $"View {passport.Describe()}" }).ClickAsync();
        var viewer = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(viewer.GetByTestId("document-image")).ToBeVisibleAsync();
        Assert.True(await viewer.GetByTestId("document-image").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await Assertions.Expect(viewer.GetByTestId("compare-with")).ToContainTextAsync(customer.Person!.BirthDate!.Value.ToString("yyyy-MM-dd"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "document-viewer.png") });
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
        await Assertions.Expect(viewer.GetByTestId("zoom")).ToHaveTextAsync("125%");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "document-viewer-rotated.png") });

        await viewer.GetByRole(AriaRole.Button, new() { Name = "Accept document" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("documents")).ToContainTextAsync("Accepted");
        await record.OpenTabAsync("History");
        await Assertions.Expect(page.Locator("[data-action=document_viewed]").First).ToContainTextAsync("Rui Reviewer");
    }
}
