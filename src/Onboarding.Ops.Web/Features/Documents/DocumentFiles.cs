using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Documents;

/// <summary>
/// A document's file for staff who may see customers, never public: every view is audited on the customer's trail.
/// The audit entry is written beside the customer, not through it, so looking does not make others' screens stale.
/// </summary>
public static class DocumentFiles
{
    public static string UrlOf(Guid customerId, Guid documentId, bool back = false) =>
        $"/documents/{customerId}/{documentId}" + (back ? "?side=back" : "");

    public static void MapDocumentFiles(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/documents/{customerId:guid}/{documentId:guid}", ServeAsync).RequireAuthorization(Policies.Customers);

    private static async Task<IResult> ServeAsync(
        Guid customerId, Guid documentId, string? side, ClaimsPrincipal staff, HttpResponse response, IDbContextFactory<OpsDbContext> contexts,
        IDocumentStore store, TimeProvider clock)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var document = await db.Set<Document>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == documentId && EF.Property<Guid>(d, "CustomerId") == customerId);
        if ((side == "back" ? document?.Back : document?.File) is not { } file || await store.ReadAsync(file.Hash) is not { } content)
        {
            return Results.NotFound();
        }
        db.AuditEntries.Add(AuditEntry.Create(staff.ToActor(), clock.GetUtcNow(), "document", documentId.ToString(), customerId,
            "document_viewed", null, null, details: new { documentId, type = Domain.Customers.Wire.Of(document!.Type), side = side ?? "front", sha256 = file.Hash }));
        await db.SaveChangesAsync();
        // Identity documents: not cached anywhere, not sniffed into something else, no script even inside a PDF.
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        return Results.File(content, file.MediaType);
    }
}
