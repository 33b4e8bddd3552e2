using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Data;
using Onboarding.Ops.Domain.Audit;
using Onboarding.Ops.Web.Identity;

namespace Onboarding.Ops.Web.Features.Screening;

/// <summary>What became of an admin's import: queued (the background reads it), or refused and why.</summary>
public sealed record ImportResult(string? Refused, ScreeningList? Queued = null);

/// <summary>
/// Admin › Screening: the lists and their versions, and importing a file, uploaded or from the configured folder.
/// Queuing is audited; reading, versioning and re-screening are the background's (<see cref="ScreeningImports"/>).
/// </summary>
public sealed class ScreeningLists(
    CurrentStaff current, IDbContextFactory<OpsDbContext> contexts, IDocumentStore store, ScreeningSettings settings, TimeProvider clock)
{
    /// <summary>The largest file an upload takes: OpenSanctions' consolidated sanctions list is well under it.</summary>
    public const long MaxUploadBytes = 512L * 1024 * 1024;
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<ScreeningList>> ListsAsync()
    {
        await current.RequireAsync(Policies.Admin);
        await using var db = await contexts.CreateDbContextAsync();
        return await db.Set<ScreeningList>().AsNoTracking().OrderByDescending(l => l.Id).ToListAsync();
    }

    /// <summary>List files in the configured import folder (none when no folder is set).</summary>
    public IReadOnlyList<string> FolderFiles() =>
        settings.ImportFolder is { } folder && Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Where(IsListFile).Order()]
            : [];

    public async Task<ImportResult> ImportFromFolderAsync(string listName, string fileName)
    {
        await current.RequireAsync(Policies.Admin);
        if (!FolderFiles().Contains(fileName))
        {
            return new ImportResult($"There is no list file {fileName} in the import folder.");
        }
        return await ImportAsync(listName, fileName, await File.ReadAllBytesAsync(Path.Combine(settings.ImportFolder!, fileName)));
    }

    public async Task<ImportResult> ImportAsync(string listName, string fileName, byte[] content)
    {
        var actor = (await current.RequireAsync(Policies.Admin)).ToActor();
        var name = listName.Trim();
        var refused = name.Length == 0 ? "Give the list a name, e.g. \"OpenSanctions sanctions\"."
            : name.Length > MaxNameLength ? $"A list name has at most {MaxNameLength} characters."
            : content.Length == 0 ? "The file is empty."
            : !IsListFile(fileName) ? "Import an OpenSanctions simple CSV (.csv) or FollowTheMoney JSON lines (.json, .jsonl)."
            : null;
        if (refused is not null)
        {
            return new ImportResult(refused);
        }
        await using var db = await contexts.CreateDbContextAsync();
        var now = clock.GetUtcNow();
        var list = new ScreeningList
        {
            Name = name, FileName = Path.GetFileName(fileName), FileHash = await store.SaveAsync(content), FileBytes = content.Length,
            ImportedAt = now, ImportedBy = actor.Name, State = ScreeningListState.Queued,
            Version = (await db.Set<ScreeningList>().Where(l => l.Name == name).MaxAsync(l => (int?)l.Version) ?? 0) + 1,
        };
        db.Add(list);
        db.AuditEntries.Add(AuditEntry.Create(actor, now, ScreeningImports.Subject, list.Label, null, "screening_list_queued", null, null,
            details: new { list = list.Name, list.Version, list.FileName, list.FileHash, bytes = list.FileBytes }));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two admins importing the same list at once: the unique (name, version) lets one in.
            return new ImportResult($"Another import of {name} was queued at the same moment; look at the list below and try again if needed.");
        }
        return new ImportResult(null, list);
    }

    private static bool IsListFile(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".csv" or ".json" or ".jsonl" or ".ndjson";
}
