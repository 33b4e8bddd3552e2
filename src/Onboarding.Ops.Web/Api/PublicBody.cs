using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Onboarding.Ops.Domain;
using Onboarding.Ops.Domain.AccessRequests;
using Onboarding.Ops.Domain.Checks;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Data;

namespace Onboarding.Ops.Web.Api;

/// <summary>
/// The public API's shapes, as the official SDKs write and read them, translated to and from /api/v1's. Bodies become
/// /api/v1 bodies (read by <see cref="Payload"/>, so a bad field is refused with the same words), and answers are
/// built from the customer as the SDKs' types name things.
/// </summary>
public static class PublicBody
{
    private static readonly string[] CreateFields =
        ["type", "firstName", "lastName", "birthDate", "nationality", "nationalId", "address", "email", "phone", "level", "sumsubShareToken",
         "identityDocuments", "otherDocuments"];

    private static readonly (string Public, DocumentType Type)[] IdentityTypes =
        [("passport", DocumentType.Passport), ("driverLicense", DocumentType.DriverLicense), ("idCard", DocumentType.IdCard),
         ("residencePermit", DocumentType.ResidencePermit)];

    /// <summary>The flat create of the SDKs as an /api/v1 create of a hosted individual, and the files it carries.</summary>
    public static (JsonElement Body, IReadOnlyList<(NewDocument Document, byte[] Content)> Files) ToCreate(JsonElement body, VerificationLevel defaultLevel)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException("", "The body must be a JSON object.");
        }
        foreach (var field in body.EnumerateObject().Where(p => !CreateFields.Contains(p.Name)))
        {
            throw new PayloadException(field.Name, $"Unknown field '{field.Name}'. Fields here: {string.Join(", ", CreateFields)}.");
        }
        if (Present(body, "sumsubShareToken"))
        {
            throw new PayloadException("sumsubShareToken",
                "This platform has no connection to Sumsub: leave out sumsubShareToken. The end user verifies through the link in sumsub.url.");
        }
        if (Present(body, "type") && body.GetProperty("type").ValueKind == JsonValueKind.String && body.GetProperty("type").GetString() == "business")
        {
            throw new PayloadException("type", "The public API creates individuals; create a business with POST /api/v1/customers and businessData.");
        }
        var individual = new JsonObject();
        foreach (var name in new[] { "firstName", "lastName", "birthDate", "nationality", "nationalId", "email", "phone" })
        {
            if (body.TryGetProperty(name, out var value))
            {
                individual[name] = JsonNode.Parse(value.GetRawText());
            }
        }
        if (body.TryGetProperty("address", out var address) && address.ValueKind != JsonValueKind.Null)
        {
            individual["address"] = Address(address);
        }
        var v1 = new JsonObject
        {
            ["type"] = body.TryGetProperty("type", out var type) ? JsonNode.Parse(type.GetRawText()) : null,
            ["level"] = body.TryGetProperty("level", out var level) && level.ValueKind != JsonValueKind.Null
                ? JsonNode.Parse(level.GetRawText()) : Wire.Of(defaultLevel),
            ["verificationModel"] = "hosted",
            ["individualData"] = individual,
        };
        List<(NewDocument, byte[])> files = [];
        if (Object(body, "identityDocuments") is { } identity)
        {
            files.Add(Document(identity, "identityDocuments", IdentityTypes, "imageFront", "imageBack"));
        }
        if (Object(body, "otherDocuments") is { } other)
        {
            files.Add(Document(other, "otherDocuments", [("proofOfAddress", DocumentType.ProofOfAddress)], "content", null));
        }
        return (JsonSerializer.SerializeToElement(v1), files);
    }

    /// <summary>An address in either spelling (country/zipCode as the SDKs read it, countryCode/postalCode as newer ones write it).</summary>
    private static JsonObject Address(JsonElement address)
    {
        if (address.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadException("address", "address must be an object.");
        }
        string[] known = ["line1", "line2", "city", "state", "country", "countryCode", "zipCode", "postalCode"];
        foreach (var field in address.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            throw new PayloadException($"address.{field.Name}", $"Unknown field 'address.{field.Name}'. Fields here: {string.Join(", ", known)}.");
        }
        var v1 = new JsonObject();
        foreach (var (from, to) in new[] { ("line1", "line1"), ("line2", "line2"), ("city", "city"), ("state", "state") })
        {
            if (address.TryGetProperty(from, out var value))
            {
                v1[to] = JsonNode.Parse(value.GetRawText());
            }
        }
        foreach (var (a, b, to) in new[] { ("country", "countryCode", "countryCode"), ("zipCode", "postalCode", "postalCode") })
        {
            if (Present(address, a) && Present(address, b) && address.GetProperty(a).GetRawText() != address.GetProperty(b).GetRawText())
            {
                throw new PayloadException($"address.{b}", $"address.{a} and address.{b} are the same field in two spellings and differ: send one.");
            }
            var used = Present(address, b) ? b : a;
            if (address.TryGetProperty(used, out var value))
            {
                // Checked here, so an error names the spelling the partner used.
                if (to == "countryCode" && value.ValueKind != JsonValueKind.Null
                    && (value.ValueKind != JsonValueKind.String || !Countries.IsAlpha2(value.GetString()!.Trim())))
                {
                    throw new PayloadException($"address.{used}", $"address.{used} must be an ISO 3166-1 alpha-2 country code such as CO or DE.");
                }
                v1[to] = JsonNode.Parse(value.GetRawText());
            }
        }
        return v1;
    }

    private static (NewDocument, byte[]) Document(JsonElement document, string path, (string Public, DocumentType Type)[] types, string front, string? back)
    {
        string[] known = ["type", "issuingCountry", front, .. back is null ? Array.Empty<string>() : [back], "contentType"];
        foreach (var field in document.EnumerateObject().Where(p => !known.Contains(p.Name)))
        {
            throw new PayloadException($"{path}.{field.Name}", $"Unknown field '{path}.{field.Name}'. Fields here: {string.Join(", ", known)}.");
        }
        var typeText = Text(document, "type");
        var type = types.FirstOrDefault(t => t.Public == typeText) is { Public: not null } match ? match.Type
            : throw new PayloadException($"{path}.type", $"{path}.type must be one of {string.Join(", ", types.Select(t => t.Public))}.");
        var country = Text(document, "issuingCountry");
        if (country is not null && !Countries.IsAlpha2(country))
        {
            throw new PayloadException($"{path}.issuingCountry", $"{path}.issuingCountry must be an ISO 3166-1 alpha-2 country code such as CO or DE.");
        }
        var content = Image(document, front, $"{path}.{front}")
            ?? throw new PayloadException($"{path}.{front}", $"{path}.{front} is required: the document's image, base64.");
        var backContent = back is null ? null : Image(document, back, $"{path}.{back}");
        return (new NewDocument(type, country?.ToUpperInvariant(), File: FileOf(content), Back: backContent is null ? null : FileOf(backContent)), content);
    }

    private static DocumentFile FileOf(byte[] content) =>
        new(FolderDocumentStore.HashOf(content), DocumentContent.MediaTypeOf(content)!, content.Length, null);

    /// <summary>A base64 image (a data: URL prefix is allowed), checked like an upload: JPEG, PNG or PDF by content, 10 MB at most.</summary>
    private static byte[]? Image(JsonElement parent, string name, string path)
    {
        if (Text(parent, name) is not { } text)
        {
            return null;
        }
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',') : -1;
        byte[] content;
        try
        {
            content = Convert.FromBase64String(text[(comma + 1)..]);
        }
        catch (FormatException)
        {
            throw new PayloadException(path, $"{path} must be base64 (the image's bytes).");
        }
        return DocumentContent.Problem(content.Length, content) is { } problem ? throw new PayloadException(path, $"{path}: {problem}") : content;
    }

    /// <summary>The SDK sends virtual-account without a currency: the platform's first currency is the one it means.</summary>
    public static JsonElement ToAccessRequest(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || Present(body, "currency")
            || !(body.TryGetProperty("accessType", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == Products.Wire(Product.VirtualAccount)))
        {
            return body;
        }
        var v1 = JsonObject.Create(body)!;
        v1["currency"] = Products.Currencies[0];
        return JsonSerializer.SerializeToElement(v1);
    }

    /// <summary>The field names of /api/v1 in an error, as the SDK wrote them.</summary>
    public static PayloadException Renamed(PayloadException bad) => new(
        bad.Field.Replace("individualData.", ""), bad.Message.Replace("individualData.", ""));

    public static PublicCustomerView View(Customer customer, IReadOnlyList<AccessRequest> requests, string? link)
    {
        var rejection = customer.Status == CustomerStatus.Rejected ? customer.LastRejection : null;
        return new PublicCustomerView(customer.Id, Wire.Of(customer.Type), Wire.Of(customer.Status), Person(customer.Person),
            [.. requests.Select(r => new PublicFeatureAccess(r.Id, Products.Wire(r.Product), r.CardType, r.Currency, r.Status.ToString().ToLowerInvariant(), r.ReasonCodes))],
            rejection?.ReasonCodes ?? [], rejection is { Final: false }, new PublicSumsubView(link));
    }

    private static PublicPerson? Person(PersonData? person) => person is null ? null : new(
        person.FirstName, person.LastName, person.BirthDate, person.Nationality, person.NationalId,
        person.Address is { } a ? new PublicAddress(a.Line1, a.Line2, a.City, a.State, a.CountryCode, a.PostalCode) : null,
        person.Email, person.Phone);

    public static PublicQuestionnaireSummary Summary(Customer customer) =>
        new(PartnerApi.SourceOfFundsQuestionnaire, "Source of funds", customer.SourceOfFunds is not null, customer.SourceOfFunds?.AnsweredAt);

    /// <summary>The questions of the customer's type, with the same choices as the typed endpoint.</summary>
    public static PublicQuestionnaire Questionnaire(Customer customer)
    {
        static IReadOnlyList<PublicOption> Options<T>(IEnumerable<Choice<T>> choices) where T : struct, Enum =>
            [.. choices.Select(c => new PublicOption(c.Wire, c.Label))];
        var sources = new PublicQuestion("sourceOfFunds", "Where does the money in the account come from?", "select", true, null,
            Options(SourceOfFundsChoices.SourcesFor(customer.Type)));
        var volume = new PublicQuestion("expectedMonthlyVolume", "How much money will go through the account each month?", "select", true, null,
            Options(SourceOfFundsChoices.Volumes));
        IReadOnlyList<PublicQuestion> questions = customer.Type == CustomerType.Individual
            ?
            [
                new("occupation", "What is your occupation?", "text", true, "Nurse", []),
                new("employmentStatus", "What is your employment status?", "select", true, null, Options(SourceOfFundsChoices.Employment)),
                sources, volume,
                new("purpose", "What will you use the account for?", "text", true, "Salary and everyday payments", []),
            ]
            :
            [
                new("businessActivity", "What does the company do?", "text", true, "Freight forwarding", []),
                sources, volume,
                new("countriesOfOperation", "Which countries does the company operate in?", "text", true, "CO, PE", []),
            ];
        var summary = Summary(customer);
        return new PublicQuestionnaire(summary.Id, summary.Name, summary.Completed, summary.CompletedAt, questions);
    }

    /// <summary>{ answers: [{ id, answer }] } as the body of PUT /api/v1/customers/{id}/source-of-funds.</summary>
    private static JsonElement ToSourceOfFunds(JsonElement body, CustomerType type)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Any(p => p.Name != "answers")
            || !body.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadException("answers", "Send { \"answers\": [{ \"id\": ..., \"answer\": ... }] }.");
        }
        var v1 = new JsonObject();
        var n = 0;
        foreach (var answer in answers.EnumerateArray())
        {
            var at = $"answers[{n++}]";
            if (answer.ValueKind != JsonValueKind.Object || Text(answer, "id") is not { } id || !answer.TryGetProperty("answer", out var value)
                || answer.EnumerateObject().Any(p => p.Name is not ("id" or "answer")))
            {
                throw new PayloadException(at, $"{at} must be {{ \"id\": ..., \"answer\": ... }}.");
            }
            if (v1.ContainsKey(id))
            {
                throw new PayloadException(at, $"{at}: the question '{id}' is answered twice.");
            }
            // A list of countries may come as one text separated by commas, as a text question gives it.
            v1[id] = id == "countriesOfOperation" && value.ValueKind == JsonValueKind.String && type == CustomerType.Business
                ? new JsonArray([.. value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => JsonValue.Create(c))])
                : JsonNode.Parse(value.GetRawText());
        }
        return JsonSerializer.SerializeToElement(v1);
    }

    /// <summary>The answers read as the typed endpoint reads its body; a question named in an error is an answer's id here.</summary>
    public static SourceOfFundsAnswers ReadAnswers(JsonElement body, CustomerType type)
    {
        var v1 = ToSourceOfFunds(body, type);
        try
        {
            return Payload.ToSourceOfFunds(v1, type);
        }
        catch (PayloadException bad)
        {
            throw new PayloadException($"answers.{bad.Field}", bad.Message);
        }
    }

    /// <summary>Card types as the SDKs list them; their ids read form-currency-brand (virtual-usd-visa).</summary>
    public static PublicCardType CardType(CardType card)
    {
        var parts = card.Id.Split('-');
        var brand = parts[^1] switch { "visa" => "Visa", "mastercard" => "Mastercard", var other => other };
        return new PublicCardType(card.Id, card.Description, parts.Length == 3 ? parts[1].ToUpperInvariant() : null, null, brand);
    }

    private static bool Present(JsonElement body, string name) => body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static JsonElement? Object(JsonElement body, string name) =>
        !Present(body, name) ? null
        : body.GetProperty(name).ValueKind == JsonValueKind.Object ? body.GetProperty(name)
        : throw new PayloadException(name, $"{name} must be an object (one document).");

    private static string? Text(JsonElement parent, string name) =>
        !Present(parent, name) ? null
        : parent.GetProperty(name).ValueKind == JsonValueKind.String ? parent.GetProperty(name).GetString()!.Trim() is { Length: > 0 } text ? text : null
        : throw new PayloadException(name, $"{name} must be a string.");
}

// The SDKs' shapes, for the OpenAPI document and the answers.

/// <summary>POST /external/api/customers, the SDKs' flat create of an individual.</summary>
public sealed record PublicCreateRequest(
    [property: Description("individual")] string Type, string FirstName, string LastName, DateOnly BirthDate,
    [property: Description("ISO 3166-1 alpha-2")] string Nationality, string Email,
    [property: Description("E.164")] string Phone, PublicAddressBody Address, string? NationalId = null,
    [property: Description("minimum, basic or advanced; the partner's default level when left out")] string? Level = null,
    [property: Description("Refused: this platform has no connection to Sumsub.")] string? SumsubShareToken = null,
    PublicIdentityDocument? IdentityDocuments = null, PublicOtherDocument? OtherDocuments = null);

public sealed record PublicAddressBody(
    string Line1, string City, string? Line2 = null, string? State = null,
    [property: Description("ISO 3166-1 alpha-2 (or countryCode)")] string? Country = null, string? CountryCode = null,
    [property: Description("or postalCode")] string? ZipCode = null, string? PostalCode = null);

public sealed record PublicIdentityDocument(
    [property: Description("passport, driverLicense, idCard or residencePermit")] string Type, string? IssuingCountry = null,
    [property: Description("base64 JPEG, PNG or PDF, 10 MB at most")] string? ImageFront = null, string? ImageBack = null, string? ContentType = null);

public sealed record PublicOtherDocument(
    [property: Description("proofOfAddress")] string Type, string? IssuingCountry = null,
    [property: Description("base64 JPEG, PNG or PDF, 10 MB at most")] string? Content = null, string? ContentType = null);

public sealed record PublicCustomerView(
    Guid Id, string Type, string Status, PublicPerson? IndividualData, IReadOnlyList<PublicFeatureAccess> FeaturesAccess,
    IReadOnlyList<string> RejectionReasons, bool CanResubmit, PublicSumsubView Sumsub);

public sealed record PublicPerson(
    string? FirstName, string? LastName, DateOnly? BirthDate, string? Nationality, string? NationalId, PublicAddress? Address, string? Email, string? Phone);

public sealed record PublicAddress(string Line1, string? Line2, string City, string? State, string Country, string ZipCode);

public sealed record PublicFeatureAccess(
    Guid Id, [property: Description("cards or virtual-account")] string Type, string? CardType, string? Currency,
    [property: Description("requested, granted, rejected or revoked")] string Status, IReadOnlyList<string> RejectionReasons);

/// <summary>sumsub.url is this platform's hosted verification link, in the answer to create only.</summary>
public sealed record PublicSumsubView(string? Url);

public sealed record PublicDeletedView(Guid Id, bool Deleted, string Message);

public sealed record PublicAccessRequestBody(
    [property: Description("cards or virtual-account")] string AccessType, string? CardType = null,
    [property: Description("virtual-account: the currency, USD when left out")] string? Currency = null);

public sealed record PublicAccessView(string AccessType, Guid CustomerId, string Status, string? CardType, string? Currency, IReadOnlyList<string> RejectionReasons);

public sealed record PublicQuestionnaireList(IReadOnlyList<PublicQuestionnaireSummary> Questionnaires);

public sealed record PublicQuestionnaireSummary(string Id, string Name, bool Completed, DateTimeOffset? CompletedAt);

public sealed record PublicQuestionnaireAnswer(PublicQuestionnaire Questionnaire);

public sealed record PublicQuestionnaire(
    string Id, string Name, bool Completed, DateTimeOffset? CompletedAt, [property: JsonPropertyName("questionnaire")] IReadOnlyList<PublicQuestion> Questions);

public sealed record PublicQuestion(string Id, string Question, [property: Description("text or select")] string Type, bool Required, string? Placeholder,
    IReadOnlyList<PublicOption> Options);

public sealed record PublicOption(string Value, string Label);

public sealed record PublicQuestionnaireSubmission(IReadOnlyList<PublicAnswer> Answers);

public sealed record PublicAnswer(string Id, JsonElement Answer);

public sealed record PublicCardType(string Id, string Name, string? CardCurrency, decimal? Price, string Brand);

/// <summary>Their spelling: eligibile and eligibileFor.</summary>
public sealed record PublicEligibility(
    [property: JsonPropertyName("eligibile")] bool Eligible, [property: JsonPropertyName("eligibileFor")] IReadOnlyList<string> EligibleFor,
    IReadOnlyList<string> BlockedBy);
