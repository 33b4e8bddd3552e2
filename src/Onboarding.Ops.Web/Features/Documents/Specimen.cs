using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Onboarding.Ops.Domain.Customers;

namespace Onboarding.Ops.Web.Features.Documents;

/// <summary>
/// Specimen document images for the demo population: PNG files drawn here (no image library), each clearly marked
/// SPECIMEN, showing the data a reviewer compares with the customer's profile.
/// </summary>
public static class Specimen
{
    private static readonly Rgb Paper = new(0xEE, 0xF3, 0xF7), Ink = new(0x1F, 0x29, 0x33), Band = new(0x1B, 0x3A, 0x5C),
        White = new(0xFF, 0xFF, 0xFF), Grey = new(0xB8, 0xC2, 0xCC), Red = new(0xC6, 0x28, 0x28);

    /// <summary>A document's picture: an identity card or passport page, or a letter for proofs and certificates.</summary>
    public static byte[] Of(NewDocument document, PersonData? person, CompanyData? company)
    {
        var title = document.Type switch
        {
            DocumentType.Passport => "PASSPORT",
            DocumentType.IdCard => "IDENTITY CARD",
            DocumentType.DriverLicense => "DRIVING LICENCE",
            DocumentType.ResidencePermit => "RESIDENCE PERMIT",
            DocumentType.ProofOfAddress => "UTILITY BILL",
            _ => "CERTIFICATE OF INCORPORATION",
        };
        return document.Type == DocumentType.Selfie ? Selfie(person ?? new PersonData())
            : Document.IsIdentityType(document.Type) ? Card(title, document, person ?? new PersonData())
            : Letter(title, document, person, company);
    }

    /// <summary>A portrait placeholder with the person's name, to sit beside the card's photo box.</summary>
    private static byte[] Selfie(PersonData person)
    {
        var canvas = new Canvas(360, 480, Paper);
        canvas.Fill(100, 90, 160, 190, Grey);
        canvas.Fill(60, 300, 240, 180, Grey);
        canvas.Text(140, 170, "FACE", 2, White);
        canvas.Text(20, 20, "SELFIE", 3, Band);
        canvas.Text(20, 56, person.FullName, 2, Ink);
        canvas.Text(40, 230, "SPECIMEN", 5, Red, blend: true);
        return canvas.ToPng();
    }

    private static byte[] Card(string title, NewDocument document, PersonData person)
    {
        var canvas = new Canvas(600, 380, Paper);
        canvas.Fill(0, 0, 600, 56, Band);
        canvas.Text(20, 18, $"{title}  {document.IssuingCountry}", 3, White);
        canvas.Fill(24, 84, 140, 180, Grey);
        canvas.Text(58, 168, "PHOTO", 2, White);
        var lines = new[]
        {
            ("SURNAME", person.LastName), ("GIVEN NAMES", person.FirstName),
            ("DATE OF BIRTH", person.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("NATIONALITY", person.Nationality), ("DOCUMENT NO", person.NationalId),
            ("EXPIRES", document.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            canvas.Text(186, 78 + i * 40, lines[i].Item1, 1, Grey);
            canvas.Text(186, 90 + i * 40, lines[i].Item2 ?? "-", 2, Ink);
        }
        var mrz = $"P<{document.IssuingCountry}{person.LastName}<<{person.FirstName}".ToUpperInvariant().Replace(' ', '<');
        canvas.Text(20, 336, (mrz + new string('<', 40))[..40], 2, Ink);
        canvas.Text(150, 150, "SPECIMEN", 6, Red, blend: true);
        return canvas.ToPng();
    }

    private static byte[] Letter(string title, NewDocument document, PersonData? person, CompanyData? company)
    {
        var canvas = new Canvas(420, 560, White);
        canvas.Fill(0, 0, 420, 48, Band);
        canvas.Text(20, 16, title.Length > 20 ? "CERTIFICATE" : title, 2, White);
        var address = person?.Address ?? company?.RegisteredAddress;
        var lines = new List<string?>
        {
            person?.FullName ?? company?.LegalName, address?.Line1, address?.Line2, $"{address?.PostalCode} {address?.City}".Trim(),
            address?.CountryCode, "", company is null ? null : $"REG NO {company.RegistrationNumber}",
            $"ISSUED {document.IssuedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        };
        var y = 80;
        foreach (var line in lines.Where(l => l is not null))
        {
            canvas.Text(24, y, line!, 2, Ink);
            y += 26;
        }
        for (var row = 0; row < 6; row++)
        {
            canvas.Fill(24, 330 + row * 22, 372, 8, Grey);
        }
        canvas.Text(70, 250, "SPECIMEN", 5, Red, blend: true);
        return canvas.ToPng();
    }

    private readonly record struct Rgb(byte R, byte G, byte B);

    /// <summary>An RGB canvas with rectangles and a 5×7 pixel font, written out as PNG.</summary>
    private sealed class Canvas
    {
        private readonly int width, height;
        private readonly byte[] pixels;

        public Canvas(int width, int height, Rgb background)
        {
            (this.width, this.height) = (width, height);
            pixels = new byte[width * height * 3];
            Fill(0, 0, width, height, background);
        }

        public void Fill(int x, int y, int w, int h, Rgb colour, bool blend = false)
        {
            for (var row = Math.Max(0, y); row < Math.Min(height, y + h); row++)
            {
                for (var column = Math.Max(0, x); column < Math.Min(width, x + w); column++)
                {
                    var at = (row * width + column) * 3;
                    pixels[at] = blend ? (byte)((pixels[at] + colour.R) / 2) : colour.R;
                    pixels[at + 1] = blend ? (byte)((pixels[at + 1] + colour.G) / 2) : colour.G;
                    pixels[at + 2] = blend ? (byte)((pixels[at + 2] + colour.B) / 2) : colour.B;
                }
            }
        }

        public void Text(int x, int y, string text, int scale, Rgb colour, bool blend = false)
        {
            foreach (var letter in Fold(text))
            {
                var glyph = Font.TryGetValue(letter, out var rows) ? rows : Font['?'];
                for (var row = 0; row < 7; row++)
                {
                    for (var bit = 0; bit < 5; bit++)
                    {
                        if ((glyph[row] & (0x10 >> bit)) != 0)
                        {
                            Fill(x + bit * scale, y + row * scale, scale, scale, colour, blend);
                        }
                    }
                }
                x += 6 * scale;
            }
        }

        /// <summary>Upper case without accents: the font has no more.</summary>
        private static string Fold(string text) =>
            new([.. text.ToUpperInvariant().Normalize(NormalizationForm.FormD)
                .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)]);

        public byte[] ToPng()
        {
            using var png = new MemoryStream();
            png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
            var header = new byte[13];
            BinaryPrimitives.WriteInt32BigEndian(header, width);
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
            header[8] = 8; // bits per sample
            header[9] = 2; // RGB
            Chunk(png, "IHDR", header);
            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var row = 0; row < height; row++)
                {
                    zlib.WriteByte(0); // no filter
                    zlib.Write(pixels, row * width * 3, width * 3);
                }
            }
            Chunk(png, "IDAT", compressed.ToArray());
            Chunk(png, "IEND", []);
            return png.ToArray();
        }

        private static void Chunk(Stream png, string type, byte[] data)
        {
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
            png.Write(length);
            var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
            png.Write(typed);
            var crc = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
            png.Write(crc);
        }

        private static uint Crc32(byte[] data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
                }
            }
            return ~crc;
        }
    }

    /// <summary>The classic 5×7 font: seven rows of five bits per character.</summary>
    private static readonly Dictionary<char, byte[]> Font = new()
    {
        ['A'] = [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11], ['B'] = [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
        ['C'] = [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E], ['D'] = [0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E],
        ['E'] = [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F], ['F'] = [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
        ['G'] = [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F], ['H'] = [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        ['I'] = [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E], ['J'] = [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C],
        ['K'] = [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11], ['L'] = [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        ['M'] = [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11], ['N'] = [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        ['O'] = [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E], ['P'] = [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        ['Q'] = [0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D], ['R'] = [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        ['S'] = [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E], ['T'] = [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        ['U'] = [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E], ['V'] = [0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04],
        ['W'] = [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A], ['X'] = [0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11],
        ['Y'] = [0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04], ['Z'] = [0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F],
        ['0'] = [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E], ['1'] = [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        ['2'] = [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F], ['3'] = [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        ['4'] = [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02], ['5'] = [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        ['6'] = [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E], ['7'] = [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        ['8'] = [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E], ['9'] = [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        [' '] = [0, 0, 0, 0, 0, 0, 0], ['-'] = [0, 0, 0, 0x1F, 0, 0, 0], [':'] = [0, 0x0C, 0x0C, 0, 0x0C, 0x0C, 0],
        ['.'] = [0, 0, 0, 0, 0, 0x0C, 0x0C], [','] = [0, 0, 0, 0, 0x0C, 0x04, 0x08], ['/'] = [0, 0x01, 0x02, 0x04, 0x08, 0x10, 0],
        ['#'] = [0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A], ['\''] = [0x0C, 0x04, 0x08, 0, 0, 0, 0],
        ['<'] = [0x02, 0x04, 0x08, 0x10, 0x08, 0x04, 0x02], ['&'] = [0x0C, 0x12, 0x14, 0x08, 0x15, 0x12, 0x0D],
        ['('] = [0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02], [')'] = [0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08],
        ['+'] = [0, 0x04, 0x04, 0x1F, 0x04, 0x04, 0], ['?'] = [0x0E, 0x11, 0x01, 0x02, 0x04, 0, 0x04],
    };
}
