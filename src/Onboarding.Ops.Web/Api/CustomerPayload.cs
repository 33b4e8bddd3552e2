using System.Globalization;
using System.Text.Json;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Api;

/// <summary>Bad input from a partner, naming the field (as the partner wrote it) and what is wrong with it.</summary>
public sealed class PayloadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Reads a create-customer body the way partners write it (the public API's names: type, level, individualData...),
/// refusing anything malformed with the field's name rather than a generic binder error.
/// </summary>
public static class CustomerPayload
{
    public static NewCustomer ToNewCustomer(JsonElement body, string partnerId)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException("", "The body must be a JSON object.");
        }
        var type = Choice(body, "type", required: true, ("individual", CustomerType.Individual), ("business", CustomerType.Business))!.Value;
        var level = Choice(body, "level", required: true,
            ("minimum", VerificationLevel.Minimum), ("basic", VerificationLevel.Basic), ("advanced", VerificationLevel.Advanced))!.Value;
        var model = Choice(body, "verificationModel", required: false,
            ("hosted", VerificationModel.Hosted), ("partner_verified", VerificationModel.PartnerVerified)) ?? VerificationModel.Hosted;
        var individual = Object(body, "individualData");
        var business = Object(body, "businessData");
        if (type == CustomerType.Individual && business is not null)
        {
            throw new PayloadException("businessData", "An individual customer has individualData, not businessData.");
        }
        if (type == CustomerType.Business && individual is not null)
        {
            throw new PayloadException("individualData", "A business customer has businessData, not individualData.");
        }
        return new NewCustomer(type, level, model, partnerId, Text(body, "partnerReference", "partnerReference", 128),
            individual is { } i ? Person(i, "individualData") : null,
            business is { } b ? Company(b) : null,
            LivenessAttested: Bool(body, "livenessCompleted") ?? false);
    }

    private static PersonData Person(JsonElement person, string path) => new()
    {
        FirstName = Text(person, "firstName", $"{path}.firstName", 100),
        LastName = Text(person, "lastName", $"{path}.lastName", 100),
        BirthDate = Date(person, "birthDate", $"{path}.birthDate"),
        Nationality = Country(person, "nationality", $"{path}.nationality"),
        Email = Text(person, "email", $"{path}.email", 256),
        Phone = Text(person, "phone", $"{path}.phone", 20),
        NationalId = Text(person, "nationalId", $"{path}.nationalId", 64),
        Address = Object(person, "address") is { } address ? Address(address, $"{path}.address") : null,
    };

    private static CompanyData Company(JsonElement company) => new()
    {
        LegalName = Text(company, "legalName", "businessData.legalName", 300),
        RegistrationNumber = Text(company, "registrationNumber", "businessData.registrationNumber", 64),
        CountryOfIncorporation = Country(company, "countryOfIncorporation", "businessData.countryOfIncorporation"),
        Email = Text(company, "email", "businessData.email", 256),
        Phone = Text(company, "phone", "businessData.phone", 20),
        RegisteredAddress = Object(company, "registeredAddress") is { } address ? Address(address, "businessData.registeredAddress") : null,
        Owners = company.TryGetProperty("beneficialOwners", out var owners) && owners.ValueKind != JsonValueKind.Null
            ? owners.ValueKind == JsonValueKind.Array
                ? [.. owners.EnumerateArray().Select((o, n) => new BeneficialOwner
                {
                    Person = Person(o, $"businessData.beneficialOwners[{n}]"),
                    OwnershipPercent = Percent(o, $"businessData.beneficialOwners[{n}].ownershipPercent"),
                })]
                : throw new PayloadException("businessData.beneficialOwners", "beneficialOwners must be an array.")
            : [],
    };

    private static Address Address(JsonElement address, string path) => new()
    {
        Line1 = Text(address, "line1", $"{path}.line1", 200) ?? throw new PayloadException($"{path}.line1", "An address needs line1."),
        Line2 = Text(address, "line2", $"{path}.line2", 200),
        City = Text(address, "city", $"{path}.city", 100) ?? throw new PayloadException($"{path}.city", "An address needs a city."),
        State = Text(address, "state", $"{path}.state", 100),
        PostalCode = Text(address, "postalCode", $"{path}.postalCode", 20) ?? "",
        CountryCode = Country(address, "countryCode", $"{path}.countryCode") ?? throw new PayloadException($"{path}.countryCode", "An address needs a countryCode."),
    };

    private static JsonElement? Object(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw new PayloadException(name, $"{name} must be an object.");

    private static string? Text(JsonElement parent, string name, string path, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new PayloadException(path, $"{path} must be a string.");
        }
        var text = value.GetString()!.Trim();
        return text.Length > max ? throw new PayloadException(path, $"{path} holds at most {max} characters.") : text.Length == 0 ? null : text;
    }

    private static DateOnly? Date(JsonElement parent, string name, string path) =>
        Text(parent, name, path, 10) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new PayloadException(path, $"{path} must be a date written yyyy-MM-dd.");

    private static string? Country(JsonElement parent, string name, string path) =>
        Text(parent, name, path, 3) is not { } code ? null
        : Countries.IsAlpha2(code) ? code.ToUpperInvariant()
        : throw new PayloadException(path, $"{path} must be an ISO 3166-1 alpha-2 country code such as CO or DE.");

    private static bool? Bool(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean()
        : throw new PayloadException(name, $"{name} must be true or false.");

    private static decimal? Percent(JsonElement parent, string path) =>
        !parent.TryGetProperty("ownershipPercent", out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var percent) && percent is > 0 and <= 100 ? percent
        : throw new PayloadException(path, $"{path} must be a number above 0 and at most 100.");

    private static T? Choice<T>(JsonElement parent, string name, bool required, params (string Wire, T Value)[] choices) where T : struct
    {
        var text = Text(parent, name, name, 40);
        if (text is null)
        {
            return required ? throw new PayloadException(name, $"{name} is required: one of {string.Join(", ", choices.Select(c => c.Wire))}.") : null;
        }
        return choices.FirstOrDefault(c => c.Wire == text) is { Wire: not null } match ? match.Value
            : throw new PayloadException(name, $"{name} must be one of {string.Join(", ", choices.Select(c => c.Wire))}, not '{text}'.");
    }
}
