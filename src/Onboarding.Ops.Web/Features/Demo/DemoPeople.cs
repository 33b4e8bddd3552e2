using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Demo;

/// <summary>Plausible multinational people and companies for the demo population, drawn from a seeded random.</summary>
public sealed class DemoPeople(Random random)
{
    private sealed record Country(
        string Code, string[] FirstNames, string[] LastNames, (string City, string PostalCode, string? State)[] Cities,
        string[] Streets, string PhonePrefix, int NationalIdDigits);

    private static readonly Country[] Countries =
    [
        new("CO", ["Camila", "Santiago", "Valentina", "Andrés", "Mariana", "Julián"], ["Restrepo", "Gómez", "Ramírez", "Ospina", "Castaño"],
            [("Bogotá", "110231", "Cundinamarca"), ("Medellín", "050021", "Antioquia"), ("Cali", "760001", "Valle del Cauca")],
            ["Carrera 7 # 71-21", "Calle 10 # 43-12", "Avenida 19 # 104-37"], "+57300", 10),
        new("MX", ["Sofía", "Diego", "Ximena", "Emiliano", "Regina", "Mateo"], ["Hernández", "García", "Martínez", "López", "Treviño"],
            [("Ciudad de México", "06600", "CDMX"), ("Guadalajara", "44100", "Jalisco"), ("Monterrey", "64000", "Nuevo León")],
            ["Av. Paseo de la Reforma 296", "Calle Colima 143", "Av. Chapultepec 480"], "+5255", 18),
        new("BR", ["Ana Clara", "João", "Beatriz", "Lucas", "Larissa", "Rafael"], ["Silva", "Santos", "Oliveira", "Souza", "Carvalho"],
            [("São Paulo", "01310-100", "SP"), ("Rio de Janeiro", "22041-001", "RJ"), ("Belo Horizonte", "30130-010", "MG")],
            ["Av. Paulista 1578", "Rua Barata Ribeiro 370", "Rua da Bahia 1148"], "+5511", 11),
        new("ES", ["Lucía", "Hugo", "Martina", "Pablo", "Carmen", "Álvaro"], ["Fernández", "Ruiz", "Navarro", "Moreno", "Iglesias"],
            [("Madrid", "28013", null), ("Barcelona", "08007", null), ("Valencia", "46002", null)],
            ["Calle de Alcalá 48", "Carrer de Mallorca 221", "Calle de Colón 12"], "+346", 8),
        new("DE", ["Lena", "Jonas", "Mia", "Felix", "Hannah", "Lukas"], ["Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
            [("Berlin", "10115", null), ("München", "80331", null), ("Hamburg", "20095", null)],
            ["Invalidenstraße 117", "Sendlinger Straße 23", "Mönckebergstraße 7"], "+4915", 10),
        new("NG", ["Chiamaka", "Oluwaseun", "Ngozi", "Emeka", "Aisha", "Tunde"], ["Okafor", "Adeyemi", "Eze", "Balogun", "Nwosu"],
            [("Lagos", "101233", "Lagos"), ("Abuja", "900211", "FCT")],
            ["14 Admiralty Way", "27 Aminu Kano Crescent", "5 Bishop Aboyade Cole Street"], "+23480", 11),
        new("IN", ["Aarav", "Priya", "Ananya", "Rohan", "Diya", "Arjun"], ["Sharma", "Iyer", "Patel", "Reddy", "Nair"],
            [("Bengaluru", "560001", "Karnataka"), ("Mumbai", "400001", "Maharashtra"), ("Pune", "411001", "Maharashtra")],
            ["12 MG Road", "45 Marine Drive", "8 FC Road"], "+9198", 12),
        new("PH", ["Andrea", "Miguel", "Bea", "Paolo", "Kristine", "Joshua"], ["Santos", "Reyes", "Cruz", "Bautista", "Villanueva"],
            [("Makati", "1226", "Metro Manila"), ("Quezon City", "1100", "Metro Manila"), ("Cebu City", "6000", "Cebu")],
            ["6750 Ayala Avenue", "88 Tomas Morato Avenue", "21 Osmeña Boulevard"], "+63917", 12),
        new("PL", ["Zofia", "Jakub", "Julia", "Kacper", "Maja", "Szymon"], ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński"],
            [("Warszawa", "00-001", null), ("Kraków", "30-001", null)],
            ["ul. Marszałkowska 104", "ul. Floriańska 15", "ul. Mokotowska 22"], "+4850", 11),
        new("US", ["Emily", "James", "Olivia", "Noah", "Ava", "Ethan"], ["Johnson", "Carter", "Nguyen", "Brooks", "Ramirez"],
            [("Austin", "78701", "TX"), ("Chicago", "60601", "IL"), ("Seattle", "98101", "WA")],
            ["500 Congress Ave", "233 S Wacker Dr", "1201 3rd Ave"], "+1512", 9),
    ];

    private static readonly (string Name, string Country)[] Companies =
    [
        ("Andes Logística S.A.S.", "CO"), ("Tlaloc Foods S.A. de C.V.", "MX"), ("Ipanema Digital Ltda.", "BR"),
        ("Nordlicht Software GmbH", "DE"), ("Lagoon Freight Ltd", "NG"), ("Kaveri Textiles Pvt Ltd", "IN"),
        ("Mabuhay Remit Inc.", "PH"), ("Wisła Components Sp. z o.o.", "PL"), ("Harbor & Pine LLC", "US"),
        ("Sierra Verde Agro S.L.", "ES"), ("Cafetal Export S.A.S.", "CO"), ("Pampa Solar S.A. de C.V.", "MX"),
    ];

    private static readonly string[] MailDomains = ["gmail.com", "outlook.com", "proton.me", "yahoo.com", "icloud.com"];

    private int serial;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public bool Chance(double probability) => random.NextDouble() < probability;

    public int Between(int min, int max) => random.Next(min, max + 1);

    public PersonData Person(string? nationality = null)
    {
        var country = nationality is null ? Pick(Countries) : Countries.First(c => c.Code == nationality);
        var first = Pick(country.FirstNames);
        var last = Pick(country.LastNames);
        var (city, postalCode, state) = Pick(country.Cities);
        serial++;
        return new PersonData
        {
            FirstName = first,
            LastName = last,
            BirthDate = new DateOnly(Between(1958, 2004), Between(1, 12), Between(1, 28)),
            Nationality = country.Code,
            Email = $"{Ascii(first)}.{Ascii(last)}{serial}@{Pick(MailDomains)}",
            Phone = country.PhonePrefix + Digits(12 - country.PhonePrefix.Length + 1),
            Address = new Address { Line1 = Pick(country.Streets), City = city, State = state, PostalCode = postalCode, CountryCode = country.Code },
            NationalId = Digits(country.NationalIdDigits),
        };
    }

    public CompanyData Company()
    {
        var (name, countryCode) = Pick(Companies);
        var country = Countries.First(c => c.Code == countryCode);
        var (city, postalCode, state) = Pick(country.Cities);
        var owner = Person(countryCode);
        return new CompanyData
        {
            LegalName = name,
            RegistrationNumber = $"{Digits(9)}-{Between(0, 9)}",
            CountryOfIncorporation = countryCode,
            Email = $"finance{++serial}@{Ascii(name.Split(' ')[0])}.example",
            Phone = country.PhonePrefix + Digits(12 - country.PhonePrefix.Length + 1),
            RegisteredAddress = new Address { Line1 = Pick(country.Streets), City = city, State = state, PostalCode = postalCode, CountryCode = countryCode },
            Owners = [new BeneficialOwner { Person = owner, OwnershipPercent = Between(26, 100) }],
        };
    }

    public string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(i => (char)('0' + (i == 0 ? Between(1, 9) : Between(0, 9)))));

    private static string Ascii(string text) => new string(text.Normalize(System.Text.NormalizationForm.FormD)
        .Where(ch => char.IsAsciiLetter(ch)).ToArray()).ToLowerInvariant();
}
