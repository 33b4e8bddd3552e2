using System.Text.Json.Serialization;

namespace Onboarding.Ops.Domain.Customers;

public sealed record Address
{
    public string Line1 { get; init; } = "";
    public string? Line2 { get; init; }
    public string City { get; init; } = "";
    public string? State { get; init; }
    public string PostalCode { get; init; } = "";
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string CountryCode { get; init; } = "";

    public override string ToString() =>
        string.Join(", ", new[] { Line1, Line2, City, State, PostalCode, CountryCode }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

/// <summary>A person's data as sent; anything may be missing until the level asks for it.</summary>
public sealed record PersonData
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public DateOnly? BirthDate { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Nationality { get; init; }
    public string? Email { get; init; }
    /// <summary>E.164.</summary>
    public string? Phone { get; init; }
    public Address? Address { get; init; }
    public string? NationalId { get; init; }

    [JsonIgnore]
    public string FullName => string.Join(' ', new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
}

public sealed record BeneficialOwner
{
    public PersonData Person { get; init; } = new();
    public decimal? OwnershipPercent { get; init; }
}

public sealed record CompanyData
{
    public string? LegalName { get; init; }
    public string? RegistrationNumber { get; init; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? CountryOfIncorporation { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public Address? RegisteredAddress { get; init; }
    public IReadOnlyList<BeneficialOwner> Owners { get; init; } = [];
}

/// <summary>One changed field of an update, for the audit trail and the reviewer: old → new.</summary>
public sealed record FieldChange(string Field, string? Old, string? New);
