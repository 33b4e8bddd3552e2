using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Features.Audit;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Tests;

/// <summary>A customer's examiner file: downloaded by those who decide, audited, and checked offline; any edit of it is named.</summary>
public sealed class ExaminerFileTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private readonly OpsAppFactory app = shared.Start();

    private OpsDbContext Db() => app.Services.GetRequiredService<IDbContextFactory<OpsDbContext>>().CreateDbContext();

    /// <summary>A demo customer with documents (their files go in the ZIP).</summary>
    private async Task<Guid> CustomerWithDocumentsAsync()
    {
        await using var db = Db();
        return await db.Set<Document>().Where(d => d.File != null).Select(d => EF.Property<Guid>(d, "CustomerId")).FirstAsync();
    }

    private async Task<byte[]> DownloadAsync(Guid customerId, string email = "")
    {
        using var client = await app.SignedInClientAsync(email is "" ? OpsAppFactory.Reviewer : email);
        var response = await client.GetAsync(ExaminerFile.UrlOf(customerId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The same ZIP with one file's bytes replaced (or the file removed when <paramref name="change"/> gives null).</summary>
    private static MemoryStream Edited(byte[] zip, string name, Func<byte[], byte[]?> change)
    {
        var result = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(zip)))
        using (var target = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var read = new MemoryStream();
                entry.Open().CopyTo(read);
                var content = entry.FullName == name ? change(read.ToArray()) : read.ToArray();
                if (content is not null)
                {
                    using var write = target.CreateEntry(entry.FullName).Open();
                    write.Write(content);
                }
            }
        }
        result.Position = 0;
        return result;
    }

    [Theory]
    [InlineData(StaffRoles.Reviewer)]
    [InlineData(StaffRoles.Admin)]
    public async Task TheFile_HoldsTheDecisionFileDocumentsEntriesAndProofs_ChecksClean_AndIsAudited(string role)
    {
        var customerId = await CustomerWithDocumentsAsync();
        var email = OpsAppFactory.DemoEmailByRole[role];

        var zip = await DownloadAsync(customerId, email);

        using var archive = new ZipArchive(new MemoryStream(zip));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(ExaminerFile.ManifestName, names);
        Assert.Contains(ExaminerFile.DecisionFileName, names);
        Assert.Contains(ExaminerFile.EntriesName, names);
        Assert.Contains(ExaminerFile.ProofsName, names);
        Assert.Contains(names, n => n.StartsWith("documents/"));
        using var html = new StreamReader(archive.GetEntry(ExaminerFile.DecisionFileName)!.Open());
        var page = await html.ReadToEndAsync();
        Assert.Contains("Profile as verified", page);
        Assert.Contains("Every change and decision, in order", page);
        var check = ExaminerFileCheck.Check(new MemoryStream(zip));
        Assert.True(check.Passed, string.Join('\n', check.Lines));
        Assert.StartsWith("PASSED", check.Lines[0]);

        await using var db = Db();
        var audit = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == "examiner_file_exported");
        Assert.Equal(customerId.ToString(), audit.SubjectId);
        Assert.Equal(email, (await db.Users.SingleAsync(u => u.Id == audit.ActorId)).Email);
        Assert.Contains(FolderDocumentStore.HashOf(ReadAll(archive, ExaminerFile.ManifestName)), audit.Details);
    }

    [Fact]
    public async Task AnEditedEntry_ARemovedDocument_AndAnAddedFile_AreNamedByTheCheck()
    {
        var zip = await DownloadAsync(await CustomerWithDocumentsAsync());
        string document;
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            document = archive.Entries.First(e => e.FullName.StartsWith("documents/")).FullName;
        }

        // A note rewritten, and the manifest's hash of the entries file made to match: the entry's own hash still tells.
        var rewritten = Edited(zip, ExaminerFile.EntriesName, bytes =>
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("\"actorName\":\"", "\"actorName\":\"X")));
        var edited = ExaminerFileCheck.Check(rewritten);
        var removed = ExaminerFileCheck.Check(Edited(zip, document, _ => null));

        Assert.False(edited.Passed);
        Assert.Contains(edited.Lines, l => l.Contains($"{ExaminerFile.EntriesName} was changed"));
        Assert.Contains(edited.Lines, l => l.Contains("was changed: its content does not match its hash"));
        Assert.False(removed.Passed);
        Assert.Contains(removed.Lines, l => l.Contains($"{document} is listed in the manifest but missing"));
    }

    [Theory]
    [InlineData(StaffRoles.Support)]
    [InlineData(StaffRoles.ProductApprover)]
    public async Task OthersGetNoFile_AndNothingIsAudited(string role)
    {
        var customerId = await CustomerWithDocumentsAsync();
        using var client = await app.SignedInClientAsync(OpsAppFactory.DemoEmailByRole[role]);

        var response = await client.GetAsync(ExaminerFile.UrlOf(customerId));

        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var db = Db();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "examiner_file_exported"));
    }

    private static byte[] ReadAll(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
