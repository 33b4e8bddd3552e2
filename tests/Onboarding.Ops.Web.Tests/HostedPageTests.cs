using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Pages.Hosted;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Customers;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Hosted;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The end user's page behind the link, rendered: what it asks, what it refuses, nothing before it is live, and the truth after.</summary>
public sealed class HostedPageTests : OpsComponentTest, IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app;

    public HostedPageTests(SharedApp shared)
    {
        app = shared.Start(new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });
        UseDatabaseOf(app);
        Context.Services.AddSingleton(app.Services.GetRequiredService<IDocumentStore>());
        Context.Services.AddSingleton(app.Services.GetRequiredService<CustomerIntake>());
        Context.Services.AddScoped<HostedFlow>();
        Context.Services.AddSingleton<Components.Layout.ThemeStyles>();
    }

    private async Task<(Guid Id, string Token)> SavedAsync(Customer customer)
    {
        var token = customer.IssueVerificationLink(A.Partner, DateTimeOffset.UtcNow, TimeSpan.FromDays(14));
        await using var db = await Contexts.CreateDbContextAsync();
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return (customer.Id, token);
    }

    private IDbContextFactory<OpsDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>();

    /// <summary>A customer asked for proof of address only: the form opens on the upload step.</summary>
    private async Task<string> AskedForProofOfAddressAsync()
    {
        var hosted = A.HostedAskedFor(RequirementCode.ProofOfAddress, "Send a recent utility bill.");
        return (await SavedAsync(hosted)).Token;
    }

    /// <summary>The page's island: the status and, below it, the form.</summary>
    private IRenderedComponent<HostedStatus> Open(string token, bool live)
    {
        Context.SetRendererInfo(new RendererInfo(live ? "Server" : "Static", isInteractive: live));
        var page = Context.Render<HostedStatus>(p => p.Add(f => f.Token, token));
        page.WaitForElement("[data-testid=verification-status]", TimeSpan.FromSeconds(10));
        return page;
    }

    private static void Press(IRenderedComponent<HostedStatus> page, string button) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public async Task BeforeThePageIsLive_NothingCanBeTypedOrChosen()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: false);
        form.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));

        Assert.Equal("false", form.Find("[data-testid=hosted-progress]").GetAttribute("data-ready"));
        Assert.True(form.Find("input[type=file]").HasAttribute("disabled"));
        Assert.True(form.Find("input[type=date]").HasAttribute("disabled"));
        Assert.All(form.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Live_TheFormAsksOnlyForWhatIsOpen_AndTakesAFileItRecognises()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: true);
        form.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));

        Assert.Contains("Step 1 of 1: Proof of address", form.Find("[data-testid=hosted-progress]").TextContent);
        Assert.False(form.Find("input[type=file]").HasAttribute("disabled"));
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Specimen.Of(A.Passport(), A.Person(), null), "bill.png"));

        form.WaitForAssertion(() => Assert.Contains("Received: bill.png", form.Find("[data-testid=upload-ok]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=upload-problem]"));
    }

    [Fact]
    public async Task TheSelfieStep_OpensTheFrontCamera_TakesAPhoto_AndRefusesAPdf()
    {
        var hosted = A.HostedAskedFor(RequirementCode.Selfie, "Take a selfie in good light.");
        var form = Open((await SavedAsync(hosted)).Token, live: true);
        form.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));

        Assert.Contains("Step 1 of 1: A selfie", form.Find("[data-testid=hosted-progress]").TextContent);
        var input = form.Find("input[type=file]");
        Assert.Equal(("user", "image/jpeg,image/png"), (input.GetAttribute("capture"), input.GetAttribute("accept")));
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(System.Text.Encoding.ASCII.GetBytes("%PDF-1.7 me"), "me.pdf"));
        form.WaitForAssertion(() => Assert.Contains("must be a photo", form.Find("[data-testid=upload-problem]").TextContent));

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Specimen.Of(A.Selfie(), A.Person(), null), "me.png"));
        form.WaitForAssertion(() => Assert.Contains("Received: me.png", form.Find("[data-testid=upload-ok]").TextContent));
    }

    [Fact]
    public async Task AFileThatIsNotAPhotoOrPdf_IsRefusedWithTheReason_AndNothingIsStored()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: true);
        form.WaitForElement("input[type=file]", TimeSpan.FromSeconds(10));

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0x00], "bill.jpg"));

        form.WaitForAssertion(() => Assert.Contains("not a JPEG, PNG or PDF", form.Find("[data-testid=upload-problem]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=upload-ok]"));
        var root = ((FolderDocumentStore)app.Services.GetRequiredService<IDocumentStore>()).Root;
        Assert.False(Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task ContinueWithEmptyFields_SaysWhatIsMissing_StaysOnTheStep_AndSavesNothing()
    {
        var (id, token) = await SavedAsync(A.HostedEmpty());
        var form = Open(token, live: true);
        form.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));
        Assert.Contains("Step 1 of 4: About you", form.Find("[data-testid=hosted-progress]").TextContent);

        await form.InvokeAsync(() => Press(form, "Continue"));

        form.WaitForAssertion(() => Assert.Contains("Enter your first name.", form.Markup));
        Assert.Contains("Step 1 of 4", form.Find("[data-testid=hosted-progress]").TextContent);
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.Set<HostedDraft>().AnyAsync(d => d.CustomerId == id));
    }

    [Fact]
    public async Task AfterTheSubmission_ThePageSaysWhatIsTrueNow_NotWhatWasAskedBefore()
    {
        var page = Open(await AskedForProofOfAddressAsync(), live: true);
        page.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));
        Assert.Contains("Send a recent utility bill.", page.Find("[data-testid=verification-status]").TextContent);

        page.Find("input[type=date]").Change(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Specimen.Of(A.Passport(), A.Person(), null), "bill.png"));
        page.WaitForElement("[data-testid=upload-ok]");
        await page.InvokeAsync(() => Press(page, "Submit"));

        page.WaitForAssertion(() => Assert.Equal("pending", page.Find("[data-testid=hosted-done]").GetAttribute("data-status")), TimeSpan.FromSeconds(10));
        var status = page.Find("[data-testid=verification-status]");
        Assert.Equal("pending", status.GetAttribute("data-status"));
        Assert.Contains("reviewing them", status.TextContent);
        Assert.DoesNotContain("utility bill", status.TextContent);
        Assert.Empty(page.FindAll("[data-testid=hosted-progress]"));
    }

    [Fact]
    public async Task AnItemTheFormCannotTake_IsListedAsComingFromThePartner_WithNoEmptyForm()
    {
        var hosted = A.HostedAskedFor(RequirementCode.LivenessAttestation, "Complete a liveness check.");
        var (_, token) = await SavedAsync(hosted);

        var page = Open(token, live: false);

        var status = page.Find("[data-testid=verification-status]");
        Assert.Equal("needs_information", status.GetAttribute("data-status"));
        Assert.Contains("the service that sent you this link will ask you for this", status.TextContent);
        Assert.Empty(page.FindAll("[data-testid=hosted-progress]"));
        Assert.Empty(page.FindAll(".mud-progress-linear"));
    }
}
