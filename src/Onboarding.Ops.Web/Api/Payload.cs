using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Domain.Requirements;

namespace Onboarding.Ops.Web.Api;

/// <summary>Bad input from a partner, naming the field (as the partner wrote it) and what is wrong with it.</summary>
public sealed class PayloadException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Reads partners' bodies the way partners write them (the public API's names: type, level, individualData...),
/// refusing anything malformed with the field's name rather than a generic binder error.
/// </summary>
public static class Payload
{
    /// <summary>The most items any list in a body may hold (beneficial owners, countries of operation).</summary>
    public const int MaxItems = 50;

    /// <summary>
    /// What every body must be before any field is read: no field twice in one object (the last would silently win),
    /// only text that is valid Unicode (no invalid UTF-8, no lone surrogate), and no list longer than
    /// <see cref="MaxItems"/>. Throws naming the first offending field.
    /// </summary>
    public static void Strict(JsonElement element, string path = "")
    {
        string At(string name) => path.Length == 0 ? name : $"{path}.{name}";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var name = Readable(() => property.Name, path.Length == 0 ? "body" : path, "a field name");
                    if (!seen.Add(name))
                    {
                        throw new PayloadException(At(name), $"{At(name)} is sent twice: send each field once.");
                    }
                    Strict(property.Value, At(name));
                }
                break;
            case JsonValueKind.Array:
                if (element.GetArrayLength() > MaxItems)
                {
                    throw new PayloadException(path, $"{path} holds at most {MaxItems} items; {element.GetArrayLength()} were sent.");
                }
                var n = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Strict(item, $"{path}[{n++}]");
                }
                break;
            case JsonValueKind.String:
                Readable(element.GetString, path, "its value");
                break;
        }
    }

    private static string Readable(Func<string?> read, string path, string what)
    {
        try
        {
            return read()!;
        }
        catch (InvalidOperationException)
        {
            throw new PayloadException(path, $"{path}: {what} is not valid Unicode text (invalid UTF-8 or a lone surrogate).");
        }
    }

    private static readonly string[] CreateFields =
        ["type", "level", "verificationModel", "partnerReference", "individualData", "businessData", "livenessCompleted"];

    private static readonly string[] ChangeFields = ["individualData", "businessData", "livenessCompleted"];

    public static NewCustomer ToNewCustomer(JsonElement body, string partnerId)
    {
        KnownFieldsOnly(body, CreateFields);
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

    /// <summary>accessType, one of the products' wire names, with its variant (cards: cardType; virtual-account: currency).</summary>
    public static ProductChoice ToProductChoice(JsonElement body)
    {
        KnownFieldsOnly(body, ["accessType", .. Products.All.Select(p => p.Variant.Field).Where(f => f.Length > 0).Distinct()]);
        var product = Choice(body, "accessType", required: true, [.. Products.All.Select(p => (p.Wire, p.Product))])!.Value;
        return new ProductChoice(product, Text(body, "cardType", "cardType", 64), Text(body, "currency", "currency", 3));
    }

    /// <summary>
    /// A change from the partner (PATCH, resubmit) as a JSON merge patch (RFC 7386) of the customer's current data:
    /// fields sent replace, null clears, anything not sent stays. The merged data is read exactly like on create.
    /// </summary>
    public static CustomerChanges ToChanges(JsonElement body, Customer current, bool allowEmpty = false)
    {
        KnownFieldsOnly(body, ChangeFields);
        var person = Object(body, "individualData");
        var company = Object(body, "businessData");
        var liveness = Bool(body, "livenessCompleted") ?? false;
        if (person is not null && current.Type == CustomerType.Business)
        {
            throw new PayloadException("individualData", "This customer is a business: send businessData.");
        }
        if (company is not null && current.Type == CustomerType.Individual)
        {
            throw new PayloadException("businessData", "This customer is an individual: send individualData.");
        }
        if (person is null && company is null && !liveness && !allowEmpty)
        {
            throw new PayloadException("", "Nothing to change: send individualData, businessData or livenessCompleted.");
        }
        // The patch applies to the data under review: an update waiting for a reviewer is corrected, not replaced.
        return new CustomerChanges(
            person is { } p ? Person(Merge(Wire(current.PersonUnderReview), p), "individualData") : null,
            company is { } c ? Company(Merge(Wire(current.CompanyUnderReview), c)) : null,
            LivenessAttested: liveness,
            Confirmed: Sent(person, company));
    }

    private static readonly (string Field, RequirementCode Code)[] PersonRequirements =
    [
        ("firstName", RequirementCode.LegalName), ("lastName", RequirementCode.LegalName), ("birthDate", RequirementCode.BirthDate),
        ("nationality", RequirementCode.Nationality), ("email", RequirementCode.Email), ("phone", RequirementCode.Phone),
        ("address", RequirementCode.ResidentialAddress), ("nationalId", RequirementCode.NationalId),
    ];

    private static readonly (string Field, RequirementCode Code)[] CompanyRequirements =
    [
        ("legalName", RequirementCode.LegalName), ("registrationNumber", RequirementCode.RegistrationNumber),
        ("countryOfIncorporation", RequirementCode.CountryOfIncorporation), ("email", RequirementCode.Email), ("phone", RequirementCode.Phone),
        ("registeredAddress", RequirementCode.RegisteredAddress), ("beneficialOwners", RequirementCode.BeneficialOwner),
    ];

    /// <summary>Which requirements the patch names: a checklist item for a field is closed by sending that field.</summary>
    private static HashSet<RequirementCode> Sent(JsonElement? person, JsonElement? company)
    {
        static IEnumerable<RequirementCode> Named(JsonElement? body, (string Field, RequirementCode Code)[] fields) =>
            body is { } sent ? fields.Where(f => sent.TryGetProperty(f.Field, out _)).Select(f => f.Code) : [];
        return [.. Named(person, PersonRequirements), .. Named(company, CompanyRequirements)];
    }

    private static readonly string[] PersonQuestions = ["occupation", "employmentStatus", "sourceOfFunds", "expectedMonthlyVolume", "purpose"];
    private static readonly string[] CompanyQuestions = ["businessActivity", "sourceOfFunds", "expectedMonthlyVolume", "countriesOfOperation"];

    /// <summary>
    /// The source-of-funds questionnaire as partners write it. The choices are checked here (so a bad one is named);
    /// whether it is complete is the domain's rule.
    /// </summary>
    public static SourceOfFundsAnswers ToSourceOfFunds(JsonElement body, CustomerType type)
    {
        var questions = type == CustomerType.Individual ? PersonQuestions : CompanyQuestions;
        KnownFieldsOnly(body, questions);
        // Answered whole: a missing question is named here rather than found incomplete later.
        foreach (var question in questions.Where(q => !body.TryGetProperty(q, out var v) || v.ValueKind == JsonValueKind.Null))
        {
            throw new PayloadException(question, $"{question} is required: the questionnaire is answered whole.");
        }
        return new SourceOfFundsAnswers
        {
            Occupation = Text(body, "occupation", "occupation", SourceOfFundsAnswers.MaxTextLength),
            EmploymentStatus = Choice(body, "employmentStatus", required: false, [.. SourceOfFundsChoices.Employment.Select(c => (c.Wire, c.Value))]),
            BusinessActivity = Text(body, "businessActivity", "businessActivity", SourceOfFundsAnswers.MaxTextLength),
            Source = Choice(body, "sourceOfFunds", required: false, [.. SourceOfFundsChoices.SourcesFor(type).Select(c => (c.Wire, c.Value))]),
            ExpectedMonthlyVolume = Choice(body, "expectedMonthlyVolume", required: false, [.. SourceOfFundsChoices.Volumes.Select(c => (c.Wire, c.Value))]),
            Purpose = Text(body, "purpose", "purpose", SourceOfFundsAnswers.MaxTextLength),
            CountriesOfOperation = body.TryGetProperty("countriesOfOperation", out var countries) && countries.ValueKind != JsonValueKind.Null
                ? countries.ValueKind == JsonValueKind.Array && countries.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String)
                    ? [.. countries.EnumerateArray().Select((c, n) => Countries.IsAlpha2(c.GetString()!.Trim()) ? c.GetString()!.Trim().ToUpperInvariant()
                        : throw new PayloadException($"countriesOfOperation[{n}]", $"countriesOfOperation[{n}] must be an ISO 3166-1 alpha-2 country code such as CO or DE."))]
                    : throw new PayloadException("countriesOfOperation", "countriesOfOperation must be an array of ISO 3166-1 alpha-2 country codes.")
                : [],
        };
    }

    /// <summary>Person data as partners write it (the same names as on create).</summary>
    public static PersonBody? Wire(PersonData? person, decimal? ownershipPercent = null) => person is null ? null : new(
        person.FirstName, person.LastName, person.BirthDate, person.Nationality, person.Email, person.Phone, person.NationalId,
        Wire(person.Address), ownershipPercent);

    /// <summary>The questionnaire as partners write it.</summary>
    public static SourceOfFundsBody Wire(SourceOfFundsAnswers a) => new(
        a.Occupation, a.EmploymentStatus is null ? null : SourceOfFundsChoices.Wire(SourceOfFundsChoices.Employment, a.EmploymentStatus),
        SourceOfFundsChoices.Wire(SourceOfFundsChoices.Sources, a.Source), SourceOfFundsChoices.Wire(SourceOfFundsChoices.Volumes, a.ExpectedMonthlyVolume),
        a.Purpose, a.BusinessActivity, a.CountriesOfOperation.Count == 0 ? null : a.CountriesOfOperation);

    /// <summary>Company data as partners write it: owners as beneficialOwners, each a person with ownershipPercent.</summary>
    public static BusinessBody? Wire(CompanyData? company) => company is null ? null : new(
        company.LegalName, company.RegistrationNumber, company.CountryOfIncorporation, company.Email, company.Phone,
        Wire(company.RegisteredAddress), [.. company.Owners.Select(o => Wire(o.Person, o.OwnershipPercent)!)]);

    private static AddressBody? Wire(Address? address) => address is null ? null : new(
        address.Line1, address.City, address.Line2, address.State, address.PostalCode, address.CountryCode);

    private static readonly JsonSerializerOptions WithoutNulls =
        new(JsonSerializerOptions.Web)
        {
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            // "lastname" must not quietly replace lastName: it is refused as an unknown field.
            PropertyNameCaseInsensitive = false,
        };

    private static JsonElement Merge(object? current, JsonElement patch)
    {
        // The current data without its empty fields: the merged result is read as strictly as a partner's body.
        var merged = current is null ? [] : JsonSerializer.SerializeToNode(current, WithoutNulls)!.AsObject();
        MergeInto(merged, JsonObject.Create(patch)!);
        return JsonSerializer.SerializeToElement(merged);
    }

    private static void MergeInto(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                MergeInto(existing, inner);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }
    }

    private static void KnownFieldsOnly(JsonElement body, string[] known, string path = "")
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException(path, path.Length == 0 ? "The body must be a JSON object." : $"{path} must be an object.");
        }
        // A misspelt field would otherwise be ignored without a word, at any depth.
        foreach (var field in body.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            throw new PayloadException(name, $"Unknown field '{name}'. Fields here: {string.Join(", ", known)}.");
        }
    }

    // The fields a person or company may have: the same tables that say which requirement each field answers.
    private static readonly string[] PersonFieldNames = [.. PersonRequirements.Select(f => f.Field)];
    private static readonly string[] OwnerFieldNames = [.. PersonFieldNames, "ownershipPercent"];
    private static readonly string[] CompanyFieldNames = [.. CompanyRequirements.Select(f => f.Field)];
    private static readonly string[] AddressFieldNames = ["line1", "line2", "city", "state", "postalCode", "countryCode"];

    private static PersonData Person(JsonElement person, string path, bool owner = false)
    {
        KnownFieldsOnly(person, owner ? OwnerFieldNames : PersonFieldNames, path);
        return PersonFields(person, path);
    }

    private static PersonData PersonFields(JsonElement person, string path) => new()
    {
        FirstName = Text(person, "firstName", $"{path}.firstName", 100),
        LastName = Text(person, "lastName", $"{path}.lastName", 100),
        BirthDate = Date(person, "birthDate", $"{path}.birthDate"),
        Nationality = Country(person, "nationality", $"{path}.nationality"),
        Email = Text(person, "email", $"{path}.email", 256),
        Phone = Text(person, "phone", $"{path}.phone", 20),
        NationalId = Text(person, "nationalId", $"{path}.nationalId", 64),
        Address = Object(person, "address", $"{path}.address") is { } address ? Address(address, $"{path}.address") : null,
    };

    private static CompanyData Company(JsonElement company)
    {
        KnownFieldsOnly(company, CompanyFieldNames, "businessData");
        return CompanyFields(company);
    }

    private static CompanyData CompanyFields(JsonElement company) => new()
    {
        LegalName = Text(company, "legalName", "businessData.legalName", 300),
        RegistrationNumber = Text(company, "registrationNumber", "businessData.registrationNumber", 64),
        CountryOfIncorporation = Country(company, "countryOfIncorporation", "businessData.countryOfIncorporation"),
        Email = Text(company, "email", "businessData.email", 256),
        Phone = Text(company, "phone", "businessData.phone", 20),
        RegisteredAddress = Object(company, "registeredAddress", "businessData.registeredAddress") is { } address
            ? Address(address, "businessData.registeredAddress") : null,
        Owners = company.TryGetProperty("beneficialOwners", out var owners) && owners.ValueKind != JsonValueKind.Null
            ? owners.ValueKind == JsonValueKind.Array
                ? [.. owners.EnumerateArray().Select((o, n) => new BeneficialOwner
                {
                    Person = Person(o, $"businessData.beneficialOwners[{n}]", owner: true),
                    OwnershipPercent = Percent(o, $"businessData.beneficialOwners[{n}].ownershipPercent"),
                })]
                : throw new PayloadException("businessData.beneficialOwners", "beneficialOwners must be an array.")
            : [],
    };

    private static Address Address(JsonElement address, string path)
    {
        KnownFieldsOnly(address, AddressFieldNames, path);
        return AddressFields(address, path);
    }

    private static Address AddressFields(JsonElement address, string path) => new()
    {
        Line1 = Text(address, "line1", $"{path}.line1", 200) ?? throw new PayloadException($"{path}.line1", "An address needs line1."),
        Line2 = Text(address, "line2", $"{path}.line2", 200),
        City = Text(address, "city", $"{path}.city", 100) ?? throw new PayloadException($"{path}.city", "An address needs a city."),
        State = Text(address, "state", $"{path}.state", 100),
        PostalCode = Text(address, "postalCode", $"{path}.postalCode", 20) ?? "",
        CountryCode = Country(address, "countryCode", $"{path}.countryCode") ?? throw new PayloadException($"{path}.countryCode", "An address needs a countryCode."),
    };

    private static JsonElement? Object(JsonElement parent, string name, string? path = null) =>
        !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.Object ? value
        : throw new PayloadException(path ?? name, $"{path ?? name} must be an object.");

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
        : Domain.Customers.Wire.Date(text) ?? throw new PayloadException(path, $"{path} must be a date written yyyy-MM-dd.");

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
