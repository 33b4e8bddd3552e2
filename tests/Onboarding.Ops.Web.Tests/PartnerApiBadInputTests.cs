using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Onboarding.Ops.Domain.Customers;
using Onboarding.Ops.Testing;
using Onboarding.Ops.Web.Api;

namespace Onboarding.Ops.Web.Tests;

/// <summary>
/// Generated malformed requests across every endpoint: each is a 4xx with the error body (never a 5xx), and the
/// database is exactly as before (counts, versions and the audit trail compared).
/// </summary>
public sealed class PartnerApiBadInputTests(SharedApp shared) : PartnerApiTestBase(shared, new() { ["PartnerApi:RequestsPerMinute"] = "100000" })
{
    private const string ValidCreate = """
        { "type": "individual", "level": "basic", "verificationModel": "partner_verified", "partnerReference": "REF-9",
          "livenessCompleted": true,
          "individualData": { "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG",
            "email": "ngozi.eze@example.ng", "phone": "+2348031234567", "nationalId": "NG-778899",
            "address": { "line1": "12 Marina Road", "city": "Lagos", "postalCode": "101001", "countryCode": "NG" } } }
        """;

    private const string ValidBusiness = """
        { "type": "business", "level": "basic",
          "businessData": { "legalName": "Andes SAS", "registrationNumber": "901", "countryOfIncorporation": "CO",
            "registeredAddress": { "line1": "Calle 93", "city": "Bogotá", "countryCode": "CO" },
            "beneficialOwners": [ { "firstName": "Mateo", "lastName": "Quintero", "ownershipPercent": 60 } ] } }
        """;

    /// <summary>Values that are wrong for a text field, a date, a country, and an enum, whatever the field.</summary>
    private static readonly JsonNode?[] NotText = [12, true, new JsonArray(), new JsonObject()];
    private static readonly string[] BadDates = ["1990-13-01", "14/05/1990", "1990-02-30", "yesterday", "1990-5-14"];
    private static readonly string[] BadCountries = ["COL", "XX", "1A", "Colombia"];

    /// <summary>One request to send, described for the failure message.</summary>
    private sealed record Bad(string Name, HttpMethod Method, string Path, Func<HttpContent?> Body, string? Key = "own", string? IdempotencyKey = null)
    {
        /// <summary>When set, the status and field the answer must have (otherwise any 4xx in the envelope).</summary>
        public (int Status, string? Field)? Expected { get; init; }
    }

    /// <summary>A body as raw bytes: what no string can hold (invalid UTF-8).</summary>
    private static Func<HttpContent?> Raw(byte[] bytes, string? mediaType = "application/json") => () =>
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = mediaType is null ? null : new MediaTypeHeaderValue(mediaType);
        return content;
    };

    private static string With(string json, string path, JsonNode? value)
    {
        var root = JsonNode.Parse(json)!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => int.TryParse(part, out var i) ? node[i]! : node[part]!);
        if (parent is JsonArray array)
        {
            array[int.Parse(parts[^1])] = value?.DeepClone();
        }
        else
        {
            parent[parts[^1]] = value?.DeepClone();
        }
        return root.ToJsonString();
    }

    private static Func<HttpContent?> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static IEnumerable<Bad> CreateCases()
    {
        const string create = "/api/v1/customers";
        IEnumerable<(string Field, JsonNode? Value)> Mutations()
        {
            foreach (var field in new[] { "type", "level", "verificationModel", "partnerReference" })
            {
                yield return (field, NotText[0]);
            }
            yield return ("type", "person");
            yield return ("type", null);
            yield return ("level", "gold");
            yield return ("level", null);
            yield return ("verificationModel", "self");
            yield return ("partnerReference", new string('x', 129));
            yield return ("livenessCompleted", "yes");
            yield return ("individualData", "Ngozi");
            yield return ("individualData", new JsonArray());
            foreach (var field in new[] { "firstName", "lastName", "email", "phone", "nationalId" })
            {
                foreach (var value in NotText)
                {
                    yield return ($"individualData.{field}", value);
                }
            }
            yield return ("individualData.firstName", new string('a', 101));
            yield return ("individualData.email", new string('e', 257));
            yield return ("individualData.phone", "+1234567890123456789012");
            foreach (var date in BadDates)
            {
                yield return ("individualData.birthDate", date);
            }
            foreach (var country in BadCountries)
            {
                yield return ("individualData.nationality", country);
                yield return ("individualData.address.countryCode", country);
            }
            yield return ("individualData.address", "12 Marina Road");
            yield return ("individualData.address.line1", null);
            yield return ("individualData.address.city", null);
            yield return ("individualData.address.countryCode", null);
            yield return ("individualData.address.line1", 5);
            yield return ("unexpected", "field");
            yield return ("businessData", new JsonObject());
        }
        foreach (var (field, value) in Mutations())
        {
            yield return new($"create {field}={value?.ToJsonString() ?? "null"}", HttpMethod.Post, create, Json(With(ValidCreate, field, value)));
        }
        foreach (var (field, value) in new (string, JsonNode?)[]
        {
            ("businessData.beneficialOwners", new JsonObject()),
            ("businessData.beneficialOwners.0.ownershipPercent", 150),
            ("businessData.beneficialOwners.0.ownershipPercent", 0),
            ("businessData.beneficialOwners.0.ownershipPercent", "60"),
            ("businessData.countryOfIncorporation", "ZZZ"),
            ("businessData.legalName", new string('l', 301)),
            ("businessData.registeredAddress.city", null),
            ("individualData", new JsonObject()),
        })
        {
            yield return new($"create business {field}={value?.ToJsonString() ?? "null"}", HttpMethod.Post, create, Json(With(ValidBusiness, field, value)));
        }
    }

    private static IEnumerable<Bad> MalformedBodies(HttpMethod method, string path)
    {
        foreach (var (name, text) in new[]
        {
            ("truncated", "{ \"type\": "), ("not json", "type=individual"), ("array", "[]"), ("string", "\"individual\""),
            ("number", "42"), ("trailing comma", "{ \"accessType\": \"cards\", }"), ("empty", ""),
        })
        {
            yield return new($"{method} {path} {name}", method, path, Json(text));
        }
        yield return new($"{method} {path} oversized", method, path,
            Json($$"""{ "partnerReference": "{{new string('x', PartnerApi.MaxJsonBytes)}}" }"""));
        yield return new($"{method} {path} text/plain", method, path, () => new StringContent("{}", Encoding.UTF8, "text/plain"))
            { Expected = (415, "Content-Type") };
        yield return new($"{method} {path} no content type", method, path, Raw("{}"u8.ToArray(), mediaType: null)) { Expected = (415, "Content-Type") };
        yield return new($"{method} {path} duplicate field", method, path, Json("""{ "accessType": "cards", "accessType": "virtual-account" }"""))
            { Expected = (400, "accessType") };
        yield return new($"{method} {path} invalid UTF-8", method, path, Raw([.. "{ \"partnerReference\": \"A"u8, 0xFF, .. "\" }"u8]))
            { Expected = (400, "partnerReference") };
        yield return new($"{method} {path} lone surrogate", method, path, Json("{ \"partnerReference\": \"\\ud800\" }")) { Expected = (400, "partnerReference") };
        yield return new($"{method} {path} invalid UTF-8 in a name", method, path, Raw([.. "{ \"a"u8, 0xC3, .. "\": 1 }"u8])) { Expected = (400, "body") };
    }

    /// <summary>What the strict reading refuses on create and PATCH, with the field it must name.</summary>
    private static IEnumerable<Bad> StrictCases(string customer)
    {
        const string create = "/api/v1/customers";
        var owners = new JsonArray([.. Enumerable.Range(0, Payload.MaxItems + 1).Select(_ => (JsonNode)new JsonObject { ["firstName"] = "Owner", ["ownershipPercent"] = 1 })]);
        foreach (var (name, json, field) in new[]
        {
            ("create type twice", """{ "type": "individual", "type": "business", "level": "basic" }""", "type"),
            ("create misspelt nested field", With(ValidCreate, "individualData.firstname", "Ngozi"), "individualData.firstname"),
            ("create misspelt address field", With(ValidCreate, "individualData.address.zip", "101001"), "individualData.address.zip"),
            ("create misspelt owner field", With(ValidBusiness, "businessData.beneficialOwners.0.firstname", "Mateo"), "businessData.beneficialOwners[0].firstname"),
            ("create owner as text", With(ValidBusiness, "businessData.beneficialOwners", new JsonArray("x")), "businessData.beneficialOwners[0]"),
            ("create too many owners", With(ValidBusiness, "businessData.beneficialOwners", owners), "businessData.beneficialOwners"),
            ("create misspelt company field", With(ValidBusiness, "businessData.legalname", "Andes"), "businessData.legalname"),
        })
        {
            yield return new(name, HttpMethod.Post, create, Json(json)) { Expected = (400, field) };
        }
        foreach (var (name, json, field) in new[]
        {
            ("patch nested field twice", """{ "individualData": { "firstName": "A", "firstName": "B" } }""", "individualData.firstName"),
            ("patch misspelt nested field", """{ "individualData": { "lastname": "B" } }""", "individualData.lastname"),
            ("patch lone surrogate", "{ \"individualData\": { \"lastName\": \"\\udfff\" } }", "individualData.lastName"),
        })
        {
            yield return new(name, HttpMethod.Patch, customer, Json(json)) { Expected = (400, field) };
        }
    }

    private static MultipartFormDataContent Form(byte[] file, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(content, "file", "document.jpg");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    private static IEnumerable<Bad> Cases(Guid active, Guid pending, Guid finalRejected, Guid theirs)
    {
        foreach (var bad in CreateCases())
        {
            yield return bad;
        }
        var customer = $"/api/v1/customers/{active}";
        foreach (var bad in StrictCases(customer))
        {
            yield return bad;
        }
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/v1/customers"), (HttpMethod.Patch, customer), (HttpMethod.Post, $"{customer}/access-requests"),
            (HttpMethod.Post, $"{customer}/request"), (HttpMethod.Put, $"{customer}/source-of-funds"),
        })
        {
            foreach (var bad in MalformedBodies(method, path))
            {
                yield return bad;
            }
        }

        // PATCH: wrong shapes, bad values, the wrong kind of data, nothing to change, a customer under review.
        foreach (var (name, json) in new[]
        {
            ("nothing", "{}"), ("unknown field", """{ "type": "business" }"""), ("business data", """{ "businessData": { "legalName": "X" } }"""),
            ("bad birth date", """{ "individualData": { "birthDate": "1991-02-29" } }"""),
            ("bad nationality", """{ "individualData": { "nationality": "España" } }"""),
            ("address without city", """{ "individualData": { "address": { "city": null } } }"""),
            ("name as number", """{ "individualData": { "lastName": 7 } }"""),
            ("liveness as text", """{ "livenessCompleted": "true" }"""),
            ("same data", """{ "individualData": { "firstName": "Camila" } }"""),
        })
        {
            yield return new($"patch {name}", HttpMethod.Patch, customer, Json(json));
        }
        yield return new("patch while pending", HttpMethod.Patch, $"/api/v1/customers/{pending}", Json("""{ "individualData": { "email": "a@b.co" } }"""));
        yield return new("patch another partner's customer", HttpMethod.Patch, $"/api/v1/customers/{theirs}", Json("""{ "individualData": { "email": "a@b.co" } }"""));

        // Resubmit: not rejected, rejected for good, bad bodies.
        yield return new("resubmit active", HttpMethod.Post, $"{customer}/resubmit", () => null);
        yield return new("resubmit pending", HttpMethod.Post, $"/api/v1/customers/{pending}/resubmit", () => null);
        yield return new("resubmit after final rejection", HttpMethod.Post, $"/api/v1/customers/{finalRejected}/resubmit", () => null);
        yield return new("resubmit bad body", HttpMethod.Post, $"/api/v1/customers/{finalRejected}/resubmit", Json("{ nope"));
        yield return new("resubmit unknown field", HttpMethod.Post, $"/api/v1/customers/{finalRejected}/resubmit", Json("""{ "level": "advanced" }"""));

        // Access requests.
        foreach (var (name, json) in new[]
        {
            ("no accessType", "{}"), ("unknown product", """{ "accessType": "loans" }"""), ("accessType number", """{ "accessType": 1 }"""),
            ("unknown card", """{ "accessType": "cards", "cardType": "gold-amex" }"""), ("cards without type", """{ "accessType": "cards" }"""),
            ("unknown currency", """{ "accessType": "virtual-account", "currency": "JPY" }"""),
            ("currency too long", """{ "accessType": "virtual-account", "currency": "EURO" }"""),
            ("virtual account without currency", """{ "accessType": "virtual-account" }"""), ("extra field", """{ "accessType": "cards", "cardType": "virtual-usd-visa", "limit": 5 }"""),
        })
        {
            yield return new($"access {name}", HttpMethod.Post, $"{customer}/access-requests", Json(json));
        }

        // Documents.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        var documents = $"{customer}/documents";
        foreach (var (name, form) in new (string, Func<HttpContent?>)[]
        {
            ("executable", () => Form([0x4D, 0x5A, 0x90, 0], ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("zip", () => Form([0x50, 0x4B, 3, 4], ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("html", () => Form(Encoding.ASCII.GetBytes("<html>"), ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("empty file", () => Form([], ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("oversized", () => Form([.. jpeg, .. new byte[10 * 1024 * 1024]], ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("no type", () => Form(jpeg, ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("unknown type", () => Form(jpeg, ("type", "selfie"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"))),
            ("no country", () => Form(jpeg, ("type", "passport"), ("expiresOn", "2031-01-01"))),
            ("bad country", () => Form(jpeg, ("type", "passport"), ("issuingCountry", "C0"), ("expiresOn", "2031-01-01"))),
            ("bad expiry", () => Form(jpeg, ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-02-30"))),
            ("no expiry", () => Form(jpeg, ("type", "idCard"), ("issuingCountry", "CO"))),
            ("proof without issue date", () => Form(jpeg, ("type", "proofOfAddress"), ("issuingCountry", "CO"))),
            ("bad issue date", () => Form(jpeg, ("type", "proofOfAddress"), ("issuingCountry", "CO"), ("issuedOn", "01.10.2026"))),
            ("unknown field", () => Form(jpeg, ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01"), ("comment", "hi"))),
            ("json instead of form", Json("""{ "type": "passport" }""")),
            ("broken multipart", () => new StringContent("--x\r\nbroken", Encoding.UTF8, "multipart/form-data")),
        })
        {
            yield return new($"document {name}", HttpMethod.Post, documents, form);
        }
        yield return new("document for a pending customer", HttpMethod.Post, $"/api/v1/customers/{pending}/documents",
            () => Form(jpeg, ("type", "passport"), ("issuingCountry", "CO"), ("expiresOn", "2031-01-01")));

        foreach (var bad in PublicCases(active, finalRejected, theirs))
        {
            yield return bad;
        }

        // Ids, routes, methods, keys.
        foreach (var id in new[] { "not-a-guid", "12345", Guid.Empty.ToString(), Guid.NewGuid().ToString(), theirs.ToString() })
        {
            yield return new($"get {id}", HttpMethod.Get, $"/api/v1/customers/{id}", () => null);
            yield return new($"access list {id}", HttpMethod.Get, $"/api/v1/customers/{id}/access-requests", () => null);
        }
        yield return new("unknown route", HttpMethod.Get, "/api/v1/accounts", () => null);
        yield return new("delete customer", HttpMethod.Delete, customer, () => null);
        yield return new("put customer", HttpMethod.Put, customer, Json("{}"));
        yield return new("no key", HttpMethod.Post, "/api/v1/customers", Json(ValidCreate), Key: null);
        yield return new("wrong key", HttpMethod.Post, "/api/v1/customers", Json(ValidCreate), Key: "ops_wrong");
        yield return new("idempotency key too long", HttpMethod.Post, "/api/v1/customers", Json(ValidCreate), IdempotencyKey: new string('k', 300));
    }

    private const string ValidPublicCreate = """
        { "type": "individual", "firstName": "Ngozi", "lastName": "Eze", "birthDate": "1990-05-14", "nationality": "NG",
          "email": "ngozi.eze@example.ng", "phone": "+2348031234567",
          "address": { "line1": "12 Marina Road", "city": "Lagos", "state": "Lagos", "country": "NG", "zipCode": "101001" } }
        """;

    /// <summary>The public API (/external/api): the same malformed bodies, its own shapes, and its paths with ids that are not the caller's.</summary>
    private static IEnumerable<Bad> PublicCases(Guid active, Guid finalRejected, Guid theirs)
    {
        const string create = "/external/api/customers";
        var customer = $"{create}/{active}";
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, create), (HttpMethod.Post, $"{customer}/request"), (HttpMethod.Post, $"{customer}/questionnaires/source-of-funds/submit"),
        })
        {
            foreach (var bad in MalformedBodies(method, path))
            {
                yield return bad with { Name = $"public {bad.Name}" };
            }
        }
        foreach (var field in new[] { "type", "firstName", "lastName", "birthDate", "nationality", "nationalId", "email", "phone", "level" })
        {
            foreach (var value in NotText)
            {
                yield return new($"public create {field} = {value?.ToJsonString()}", HttpMethod.Post, create, Json(With(ValidPublicCreate, field, value)))
                    { Expected = (400, field) };
            }
        }
        foreach (var date in BadDates)
        {
            yield return new($"public create birthDate {date}", HttpMethod.Post, create, Json(With(ValidPublicCreate, "birthDate", date))) { Expected = (400, "birthDate") };
        }
        foreach (var (path, country) in BadCountries.SelectMany(c => new[] { ("nationality", c), ("address.country", c) }))
        {
            yield return new($"public create {path} {country}", HttpMethod.Post, create, Json(With(ValidPublicCreate, path, country)))
                { Expected = (400, path) };
        }
        foreach (var (name, json, field) in new[]
        {
            ("address as text", With(ValidPublicCreate, "address", "12 Marina Road"), "address"),
            ("a Sumsub share token", With(ValidPublicCreate, "sumsubShareToken", "_act-sbx"), "sumsubShareToken"),
            ("both postal spellings differ", With(ValidPublicCreate, "address.postalCode", "99"), "address.postalCode"),
            ("identity document as text", With(ValidPublicCreate, "identityDocuments", "passport"), "identityDocuments"),
            ("identity document bad country", With(ValidPublicCreate, "identityDocuments", JsonNode.Parse("""{ "type": "passport", "issuingCountry": "XX", "imageFront": "AA==" }""")), "identityDocuments.issuingCountry"),
            ("identity document unknown field", With(ValidPublicCreate, "identityDocuments", JsonNode.Parse("""{ "type": "passport", "expiry": "2031-01-01" }""")), "identityDocuments.expiry"),
            ("other document of the wrong type", With(ValidPublicCreate, "otherDocuments", JsonNode.Parse("""{ "type": "passport", "content": "AA==" }""")), "otherDocuments.type"),
        })
        {
            yield return new($"public create {name}", HttpMethod.Post, create, Json(json)) { Expected = (400, field) };
        }
        foreach (var (name, json) in new[]
        {
            ("no accessType", "{}"), ("unknown product", """{ "accessType": "loans" }"""), ("unknown card", """{ "accessType": "cards", "cardType": "gold" }"""),
            ("extra field", """{ "accessType": "cards", "cardType": "virtual-usd-visa", "limit": 5 }"""),
        })
        {
            yield return new($"public request {name}", HttpMethod.Post, $"{customer}/request", Json(json));
        }
        foreach (var (name, json) in new[]
        {
            ("no answers", "{}"), ("answers as object", """{ "answers": {} }"""), ("an unknown question", """{ "answers": [ { "id": "x", "answer": 1 } ] }"""),
            ("an incomplete questionnaire", """{ "answers": [ { "id": "occupation", "answer": "Nurse" } ] }"""),
        })
        {
            yield return new($"public submit {name}", HttpMethod.Post, $"{customer}/questionnaires/source-of-funds/submit", Json(json));
        }
        yield return new("public submit an unknown questionnaire", HttpMethod.Post, $"{customer}/questionnaires/risk/submit", Json("""{ "answers": [] }"""))
            { Expected = (404, "questionnaireId") };
        yield return new("public delete an active customer", HttpMethod.Delete, customer, () => null) { Expected = (409, null) };
        yield return new("public delete after a final rejection", HttpMethod.Delete, $"{create}/{finalRejected}", () => null) { Expected = (409, null) };
        foreach (var id in new[] { "not-a-guid", Guid.Empty.ToString(), Guid.NewGuid().ToString(), theirs.ToString() })
        {
            foreach (var (method, path) in new[]
            {
                (HttpMethod.Get, $"{create}/{id}"), (HttpMethod.Delete, $"{create}/{id}"), (HttpMethod.Get, $"{create}/{id}/questionnaires"),
                (HttpMethod.Get, $"{create}/{id}/questionnaires/source-of-funds"), (HttpMethod.Get, $"/external/api/virtual-account/{id}/eligibility"),
            })
            {
                yield return new($"public {method} {path}", method, path, () => null) { Expected = (404, "id") };
            }
            yield return new($"public request for {id}", HttpMethod.Post, $"{create}/{id}/request", Json("""{ "accessType": "cards", "cardType": "virtual-usd-visa" }"""))
                { Expected = (404, "id") };
        }
        yield return new("public sumsub", HttpMethod.Post, $"{create}/sumsub", Json("{}")) { Expected = (501, null) };
        yield return new("public no key", HttpMethod.Post, create, Json(ValidPublicCreate), Key: null) { Expected = (401, null) };
    }

    private async Task<string> FingerprintAsync()
    {
        await using var db = Db();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.Id).Select(c => $"{c.Id}:{c.Version}:{c.Documents.Count}").ToListAsync();
        var audit = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var requests = await db.AccessRequests.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Version}").ToListAsync();
        var replays = await db.Set<IdempotencyRecord>().CountAsync();
        return JsonSerializer.Serialize(new { customers, audit, requests, replays });
    }

    [Fact]
    public async Task MalformedRequests_AreAll4xxWithTheErrorBody_AndChangeNothing()
    {
        var active = await ActiveCustomerOfAsync("lumen-wallet");
        var pending = A.Pending();
        var final = A.Approvable();
        final.Reject(A.Reviewer, A.T0.AddHours(3), ["sanctions_match"], true, "We are unable to offer you this service.", null);
        var theirs = Customer.Create(Domain.Actor.Partner("paygo-mobile", "PayGo"), A.T0, new NewCustomer(CustomerType.Individual,
            VerificationLevel.Basic, VerificationModel.Hosted, "paygo-mobile", Person: A.Person()), A.Policy);
        await using (var seed = Db())
        {
            seed.Customers.AddRange(pending, final, theirs);
            await seed.SaveChangesAsync();
        }
        var key = await KeyOfAsync("lumen-wallet");
        var cases = Cases(active.Id, pending.Id, final.Id, theirs.Id).ToList();
        var before = await FingerprintAsync();

        var wrong = new List<string>();
        foreach (var bad in cases)
        {
            var client = Client(bad.Key == "own" ? key : bad.Key);
            using var request = new HttpRequestMessage(bad.Method, bad.Path) { Content = bad.Body() };
            if (bad.IdempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", bad.IdempotencyKey);
            }
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500 && !(status == 501 && bad.Expected?.Status == 501))
            {
                wrong.Add($"{bad.Name}: {status} {text[..Math.Min(200, text.Length)]}");
                continue;
            }
            try
            {
                var body = JsonDocument.Parse(text).RootElement;
                if (body.GetProperty("status").GetString() != "error" || string.IsNullOrEmpty(body.GetProperty("code").GetString())
                    || string.IsNullOrEmpty(body.GetProperty("message").GetString()) || string.IsNullOrEmpty(body.GetProperty("errorId").GetString()))
                {
                    wrong.Add($"{bad.Name}: {status} without the full error body: {text}");
                }
                else if (status == 400 && body.GetProperty("field").ValueKind != JsonValueKind.String)
                {
                    wrong.Add($"{bad.Name}: 400 without the field: {text}");
                }
                else if (bad.Expected is { } expected
                    && (expected.Status != status || expected.Field is { } field && body.GetProperty("field").GetString() != field))
                {
                    wrong.Add($"{bad.Name}: expected {expected.Status} naming {expected.Field}, got {status}: {text}");
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                wrong.Add($"{bad.Name}: {status} body is not the error envelope: {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(cases.Count >= 100, $"only {cases.Count} cases");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count}:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await FingerprintAsync());
    }
}
