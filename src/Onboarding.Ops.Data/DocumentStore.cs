using System.Globalization;
using System.Security.Cryptography;

namespace Onboarding.Ops.Data;

/// <summary>
/// Uploaded document files, addressed by the SHA-256 of their content (the same file twice is stored once).
/// Never served publicly. An object store can replace the local folder behind this interface.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Stores the content and returns its hash.</summary>
    Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default);

    /// <summary>The content of a stored file, or null when there is none under that hash.</summary>
    Task<byte[]?> ReadAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>Every stored file's hash and when it was stored: the housekeeping sweep looks for ones nothing refers to.</summary>
    IEnumerable<(string Hash, DateTimeOffset StoredAt)> List();

    Task DeleteAsync(string hash, CancellationToken cancellationToken = default);
}

/// <summary>A local folder (by default beside the database), two-level fan-out by hash.</summary>
public sealed class FolderDocumentStore(string root) : IDocumentStore
{
    public const string PathKey = "Documents:Path";

    public string Root { get; } = root;

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken = default)
    {
        var hash = HashOf(content);
        var path = PathOf(hash);
        if (File.Exists(path))
        {
            // Stored again now: the housekeeping sweep counts a file's age from its last storing.
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return hash;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a crash never leaves a half file under a valid hash.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return hash;
    }

    public async Task<byte[]?> ReadAsync(string hash, CancellationToken cancellationToken = default)
    {
        var path = PathOf(hash);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public IEnumerable<(string Hash, DateTimeOffset StoredAt)> List() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Select(path => (Hash: Path.GetFileName(path), StoredAt: new DateTimeOffset(File.GetLastWriteTimeUtc(path))))
                .Where(file => IsHash(file.Hash)) // a .tmp left by a crash is not a stored file
            : [];

    public Task DeleteAsync(string hash, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(hash));
        return Task.CompletedTask;
    }

    private static bool IsHash(string name) => name.Length == 64 && name.All(Uri.IsHexDigit);

    private string PathOf(string hash) =>
        IsHash(hash)
            ? Path.Combine(Root, hash[..2], hash)
            : throw new ArgumentException("Not a SHA-256 hash.", nameof(hash));
}

/// <summary>What an upload may be: JPEG, PNG or PDF, recognised by its first bytes (never by its name), 10 MB at most.</summary>
public static class DocumentContent
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static string? MediaTypeOf(ReadOnlySpan<byte> content) =>
        content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : content.StartsWith("%PDF-"u8) ? "application/pdf"
        : null;

    /// <summary>Null when the file may be accepted; otherwise why not, for the person who sent it.</summary>
    public static string? Problem(long length, ReadOnlySpan<byte> start) =>
        length == 0 ? "The file is empty."
        : length > MaxBytes ? string.Create(CultureInfo.InvariantCulture, $"The file is {length / 1024.0 / 1024.0:0.0} MB ({length:N0} bytes); the limit is 10 MB.")
        : MediaTypeOf(start) is null ? "The file is not a JPEG, PNG or PDF (its content was checked, not its name)."
        : null;

    /// <summary>As <see cref="Problem"/>, for what must be a photo (a selfie): a PDF is refused too.</summary>
    public static string? PhotoProblem(long length, ReadOnlySpan<byte> start) =>
        Problem(length, start) ?? (MediaTypeOf(start) == "application/pdf" ? "A selfie must be a photo (JPEG or PNG), not a PDF." : null);
}
