using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Components.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Features.Documents;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>Document files: stored by content, served only to staff who may see customers, every view audited.</summary>
public sealed class DocumentFileTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    private async Task<(Customer Customer, Document Document)> DemoDocumentAsync()
    {
        await using var db = Db();
        var customer = await db.Customers.AsNoTracking().Where(c => c.Type == CustomerType.Individual && c.Documents.Any()).FirstAsync();
        return (customer, customer.Documents.First(d => d.IsIdentity || d.Type == DocumentType.ProofOfAddress));
    }

    [Fact]
    public async Task DemoDocuments_HaveSpecimenImagesInTheStore()
    {
        await using var db = Db();
        var documents = await db.Customers.AsNoTracking().SelectMany(c => c.Documents).ToListAsync();
        var store = app.Services.GetRequiredService<IDocumentStore>();

        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var content = await store.ReadAsync(document.File!.Hash);
            Assert.Equal("image/png", DocumentContent.MediaTypeOf(content));
            Assert.Equal(document.File.Hash, FolderDocumentStore.HashOf(content!));
        }
    }

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.Admin)]
    public async Task StaffWhoSeeCustomers_GetTheFile_AndTheViewIsAudited(string role)
    {
        var (customer, document) = await DemoDocumentAsync();
        using var client = await app.SignedInClientAsync(OpsAppFactory.DemoEmailByRole[role]);

        var response = await client.GetAsync(DocumentFiles.UrlOf(customer.Id, document.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        await using var db = Db();
        var viewed = await db.AuditEntries.SingleAsync(e => e.Action == "document_viewed" && e.SubjectId == document.Id.ToString());
        Assert.Equal(customer.Id, viewed.CustomerId);
        Assert.Equal(customer.Version, (await db.Customers.SingleAsync(c => c.Id == customer.Id)).Version);
    }

    [Fact]
    public async Task ProductApprovers_AndAnonymousVisitors_GetNoFile_AndNothingIsAudited()
    {
        var (customer, document) = await DemoDocumentAsync();
        using var approver = await app.SignedInClientAsync(OpsAppFactory.DemoEmailByRole[StaffRoles.ProductApprover]);
        using var anonymous = app.AnonymousClient();

        var asApprover = await approver.GetAsync(DocumentFiles.UrlOf(customer.Id, document.Id));
        var asAnonymous = await anonymous.GetAsync(DocumentFiles.UrlOf(customer.Id, document.Id));

        Assert.NotEqual(HttpStatusCode.OK, asApprover.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, asAnonymous.StatusCode);
        Assert.NotEqual("image/png", asApprover.Content.Headers.ContentType?.MediaType);
        await using var db = Db();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "document_viewed"));
    }

    [Fact]
    public async Task ADocumentAskedUnderAnotherCustomer_IsNotFound()
    {
        var (_, document) = await DemoDocumentAsync();
        using var client = await app.SignedInClientAsync(OpsAppFactory.Reviewer);

        var response = await client.GetAsync(DocumentFiles.UrlOf(Guid.NewGuid(), document.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class DocumentViewerTests : OpsComponentTest
{
    private async Task<IRenderedComponent<MudDialogProvider>> ShowAsync(Customer customer, Document document, bool canReview)
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<DocumentViewerDialog>("Viewer", new DialogParameters<DocumentViewerDialog>
        {
            { x => x.Customer, customer }, { x => x.Document, document }, { x => x.CanReview, canReview },
        }));
        return provider;
    }

    private static Customer WithUploadedPassport()
    {
        var file = new DocumentFile(new string('a', 64), "image/png", 100, "passport.png");
        return Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Basic,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(), Documents: [A.Passport() with { File = file }],
            LivenessAttested: true), A.Policy);
    }

    [Fact]
    public async Task Viewer_ShowsTheImageBesideTheDataItMustMatch_AndZoomsAndRotates()
    {
        var customer = WithUploadedPassport();
        var provider = await ShowAsync(customer, customer.Documents[0], canReview: true);

        var image = provider.Find("[data-testid=document-image]");
        Assert.Equal(DocumentFiles.UrlOf(customer.Id, customer.Documents[0].Id), image.GetAttribute("src"));
        var facts = provider.Find("[data-testid=compare-with]").TextContent;
        Assert.Contains("Camila Restrepo", facts);
        Assert.Contains("1991-04-17", facts);
        Assert.Contains("2031-05-01", facts);

        await provider.InvokeAsync(() => provider.Find("button[aria-label='Zoom in']").Click());
        await provider.InvokeAsync(() => provider.Find("button[aria-label='Rotate']").Click());

        Assert.Contains("rotate(90deg) scale(1.25)", provider.Find("[data-testid=document-image]").GetAttribute("style"));
        Assert.Contains(provider.FindAll("button"), b => b.TextContent.Trim() == "Accept document");
    }

    [Fact]
    public async Task Viewer_WithoutTheRightToReview_OffersNoDecision()
    {
        var customer = WithUploadedPassport();
        var provider = await ShowAsync(customer, customer.Documents[0], canReview: false);

        Assert.DoesNotContain(provider.FindAll("button"), b => b.TextContent.Trim() is "Accept document" or "Reject document");
    }

    [Fact]
    public async Task Viewer_ShowsAPdfInPlace_WithALinkWhenTheBrowserCannot()
    {
        var file = new DocumentFile(new string('b', 64), "application/pdf", 100, "bill.pdf");
        var customer = Customer.Create(A.Partner, A.T0, new NewCustomer(CustomerType.Individual, VerificationLevel.Advanced,
            VerificationModel.PartnerVerified, "lumen-wallet", Person: A.Person(), Documents: [A.ProofOfAddress() with { File = file }]), A.Policy);

        var provider = await ShowAsync(customer, customer.Documents[0], canReview: false);

        var pdf = provider.Find("object[type='application/pdf']");
        Assert.Equal(DocumentFiles.UrlOf(customer.Id, customer.Documents[0].Id), pdf.GetAttribute("data"));
        Assert.Contains("open it", pdf.TextContent);
        Assert.Contains("Carrera 7 # 71-21", provider.Find("[data-testid=compare-with]").TextContent);
    }
}
