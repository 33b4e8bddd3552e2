namespace Onboarding.Ops.Domain;

public static class Text
{
    /// <summary>The phrase with its first letter upper-case: "passport expired" → "Passport expired".</summary>
    public static string Capitalised(this string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
