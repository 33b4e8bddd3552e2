using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Pages.Hosted;
using Onboarding.Ops.Web.Data;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Features.Hosted;

namespace Onboarding.Ops.Web.Tests;

/// <summary>The end user's form behind the link, rendered: what it asks, what it refuses, and nothing before it is live.</summary>
public sealed class HostedFormTests : OpsComponentTest, IDisposable
{
    private readonly OpsAppFactory app = new(settings: new Dictionary<string, string?> { ["DemoData:Customers"] = "0" });

    public HostedFormTests()
    {
        app.CreateClient().Dispose();
        UseDatabaseOf(app);
        Context.Services.AddSingleton(app.Services.GetRequiredService<IDocumentStore>());
        Context.Services.AddScoped<HostedFlow>();
    }

    public void Dispose() => app.Dispose();

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
        var hosted = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic, VerificationModel.Hosted,
            "lumen-wallet", Person: A.Person(), Documents: [A.Passport()]), A.Policy);
        hosted.RequestInformation(A.Reviewer, A.T0.AddHours(1), [new(RequirementCode.ProofOfAddress, "Send a recent utility bill.")], "One more document.");
        return (await SavedAsync(hosted)).Token;
    }

    private IRenderedComponent<HostedForm> Open(string token, bool live)
    {
        Context.SetRendererInfo(new RendererInfo(live ? "Server" : "Static", isInteractive: live));
        var form = Context.Render<HostedForm>(p => p.Add(f => f.Token, token));
        form.WaitForElement("[data-testid=hosted-progress]", TimeSpan.FromSeconds(10));
        return form;
    }

    [Fact]
    public async Task BeforeThePageIsLive_NothingCanBeTypedOrChosen()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: false);

        Assert.Equal("false", form.Find("[data-testid=hosted-progress]").GetAttribute("data-ready"));
        Assert.True(form.Find("input[type=file]").HasAttribute("disabled"));
        Assert.True(form.Find("input[type=date]").HasAttribute("disabled"));
        Assert.All(form.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Live_TheFormAsksOnlyForWhatIsOpen_AndTakesAFileItRecognises()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: true);

        Assert.Contains("Step 1 of 1: Proof of address", form.Find("[data-testid=hosted-progress]").TextContent);
        Assert.False(form.Find("input[type=file]").HasAttribute("disabled"));
        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Specimen.Of(A.Passport(), A.Person(), null), "bill.png"));

        form.WaitForAssertion(() => Assert.Contains("Received: bill.png", form.Find("[data-testid=upload-ok]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=upload-problem]"));
    }

    [Fact]
    public async Task AFileThatIsNotAPhotoOrPdf_IsRefusedWithTheReason_AndNothingIsStored()
    {
        var form = Open(await AskedForProofOfAddressAsync(), live: true);

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
        Assert.Contains("Step 1 of 3: About you", form.Find("[data-testid=hosted-progress]").TextContent);

        await form.InvokeAsync(() => form.FindAll("button").Single(b => b.TextContent.Trim() == "Continue").Click());

        form.WaitForAssertion(() => Assert.Contains("Enter your first name.", form.Markup));
        Assert.Contains("Step 1 of 3", form.Find("[data-testid=hosted-progress]").TextContent);
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.False(await db.Set<HostedDraft>().AnyAsync(d => d.CustomerId == id));
    }
}
