using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Onboarding.Ops.Domain.Audit;

/// <summary>
/// The JSON an audit hash is computed over, written as RFC 8785 (JSON Canonicalization Scheme) writes it for the values
/// used here (strings, integers, null, arrays, objects with their keys in order): no whitespace, strings in UTF-8 with
/// only <c>"</c>, <c>\</c> and control characters escaped. Python's <c>json.dumps(value, ensure_ascii=False,
/// separators=(",", ":"), sort_keys=True)</c> writes the same bytes, so an examiner recomputes a hash without our code.
/// The text goes into a SHA-256 as it is written.
/// </summary>
public sealed class CanonicalJson : IDisposable
{
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly StringBuilder pending = new();
    private bool first = true;

    /// <summary>When set, the JSON text is kept here as well (an export writes the text it hashed).</summary>
    public StringBuilder? Copy { get; init; }

    /// <param name="prefix">Bytes hashed before the JSON (a Merkle leaf's 0x00).</param>
    public CanonicalJson(params byte[] prefix) => sha.AppendData(prefix);

    /// <summary>The SHA-256 of what was written, as bytes.</summary>
    public byte[] HashBytes()
    {
        Flush();
        return sha.GetHashAndReset();
    }

    /// <summary>The lowercase hex SHA-256 of what was written.</summary>
    public string Hash() => Convert.ToHexStringLower(HashBytes());

    public CanonicalJson StartObject() => Open('{');

    public CanonicalJson EndObject() => Close('}');

    public CanonicalJson StartArray() => Open('[');

    public CanonicalJson EndArray() => Close(']');

    /// <summary>An object's key; keys must come in the order of their UTF-16 code units (the callers write them sorted).</summary>
    public CanonicalJson Key(string key)
    {
        Value(key);
        pending.Append(':');
        first = true;
        return this;
    }

    public CanonicalJson Value(string? value)
    {
        Separate();
        if (value is null)
        {
            pending.Append("null");
            return this;
        }
        pending.Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => pending.Append("\\\""),
                '\\' => pending.Append("\\\\"),
                '\b' => pending.Append("\\b"),
                '\f' => pending.Append("\\f"),
                '\n' => pending.Append("\\n"),
                '\r' => pending.Append("\\r"),
                '\t' => pending.Append("\\t"),
                < ' ' => pending.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => pending.Append(c),
            };
        }
        pending.Append('"');
        return MaybeFlush();
    }

    public CanonicalJson Value(long? value)
    {
        Separate();
        pending.Append(value is { } number ? number.ToString(CultureInfo.InvariantCulture) : "null");
        return this;
    }

    /// <summary>
    /// Any JSON value in canonical form (objects' keys sorted by UTF-16 code units, integers only): how an export's
    /// entries are checked, exactly as an examiner would, from the text alone.
    /// </summary>
    public CanonicalJson Element(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                StartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    Key(property.Name).Element(property.Value);
                }
                return EndObject();
            case JsonValueKind.Array:
                StartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Element(item);
                }
                return EndArray();
            case JsonValueKind.String:
                return Value(element.GetString());
            case JsonValueKind.Number:
                return Value(element.GetInt64());
            case JsonValueKind.Null:
                return Value((string?)null);
            default:
                throw new FormatException($"The canonical form has no {element.ValueKind} values.");
        }
    }

    public void Dispose() => sha.Dispose();

    private CanonicalJson Open(char bracket)
    {
        Separate();
        pending.Append(bracket);
        first = true;
        return this;
    }

    private CanonicalJson Close(char bracket)
    {
        pending.Append(bracket);
        first = false;
        return this;
    }

    private void Separate()
    {
        if (!first)
        {
            pending.Append(',');
        }
        first = false;
    }

    private CanonicalJson MaybeFlush()
    {
        if (pending.Length > 16_384)
        {
            Flush();
        }
        return this;
    }

    private void Flush()
    {
        Copy?.Append(pending);
        sha.AppendData(Encoding.UTF8.GetBytes(pending.ToString()));
        pending.Clear();
    }
}
