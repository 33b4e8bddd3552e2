using System.IO.Compression;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Audit;

namespace Onboarding.Ops.E2E;

/// <summary>The examiner's file downloaded from a customer page and checked offline; compliance reading the one trail.</summary>
public sealed class AuditJourneyTests(BrowserApp browser) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Reviewer_DownloadsACustomersExaminerFile_ThatChecksClean_AndCompliance_FindsTheExportInTheTrail()
    {
        Guid customerId;
        await using (var db = browser.App.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext())
        {
            customerId = await db.Customers.Where(c => c.Status == CustomerStatus.Active && c.Documents.Count > 0).Select(c => c.Id).FirstAsync();
        }
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 }, AcceptDownloads = true });
        await new LoginPage(page).SignInAsync(OpsAppFactory.Reviewer, OpsAppFactory.DemoPassword);
        await page.GotoAsync($"/customers/{customerId}");
        await new CustomerPage(page).WaitAsync();
        await new ShellPage(page).ScreenshotAsync("customer-examiner-file");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("examiner-file").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), download.SuggestedFilename);
        await download.SaveAsAsync(file);

        Assert.Matches($"^decision-file-{customerId}-\\d{{8}}-\\d{{4}}\\.zip$", download.SuggestedFilename);
        var check = await ExaminerFileCheck.CheckAsync(file);
        Assert.True(check.Passed, string.Join('\n', check.Lines));
        // The readable decision file, as an examiner opens it.
        using (var zip = ZipFile.OpenRead(file))
        {
            using var reader = new StreamReader(zip.GetEntry(ExaminerFile.DecisionFileName)!.Open());
            var html = await reader.ReadToEndAsync();
            var viewer = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
            await viewer.SetContentAsync(html);
            await Assertions.Expect(viewer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Decision file");
            await viewer.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "examiner-decision-file.png"), FullPage = true });
        }
        File.Delete(file);

        var compliance = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        var shell = await new LoginPage(compliance).SignInAsync(OpsAppFactory.DemoEmailByRole["Compliance"], OpsAppFactory.DemoPassword);
        await shell.OpenSectionAsync("Audit trail");
        await compliance.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Assertions.Expect(compliance.GetByTestId("verification-passed")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await compliance.GetByLabel("Action").FillAsync("examiner_file_exported");
        await compliance.GetByLabel("Action").PressAsync("Enter");
        await Assertions.Expect(compliance).ToHaveURLAsync(new Regex("action=examiner_file_exported"));
        var entry = compliance.Locator("[data-entry]").First;
        await Assertions.Expect(entry).ToContainTextAsync("Rui Reviewer");
        await shell.ScreenshotAsync("audit-trail");

        await entry.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(compliance).ToHaveURLAsync(new Regex($"/customers/{customerId}$"));
        await new CustomerPage(compliance).WaitAsync();
        // Compliance reads; it does not decide, and gets no examiner file of its own.
        await Assertions.Expect(compliance.Locator("[data-decision]")).ToHaveCountAsync(0);
        await Assertions.Expect(compliance.GetByTestId("examiner-file")).ToHaveCountAsync(0);
    }
}
