using System.Text;
using Crossing.Core.Funding.Imports;

namespace Crossing.Tests.Funding;

/// <summary>
/// The import reader copies runs of ordinary characters at once. Random files (quotes, doubled quotes, commas and line
/// breaks inside quotes, CRLF and LF and lone CR, Hangul, NUL and invalid bytes, fields longer than the 64 KiB buffer,
/// a quote left open at the end) must read exactly as a plain character-by-character RFC 4180 reading does.
/// </summary>
public sealed class CsvReaderTests
{
    [Fact]
    public void Random_files_read_exactly_as_a_character_by_character_reading()
    {
        var random = new Random(20271206);
        for (var file = 0; file < 300; file++)
        {
            var bytes = RandomFile(random, file % 25 == 0);
            var expected = Reference(bytes);
            var actual = new List<(int, string[], CsvDefect)>();
            using (var reader = new CsvReader(new MemoryStream(bytes)))
            {
                while (reader.Next() is { } record)
                    actual.Add((record.Line, record.Fields, record.Defect));
            }
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Line, actual[i].Item1);
                Assert.Equal(expected[i].Fields, actual[i].Item2);
                Assert.Equal(expected[i].Defect, actual[i].Item3);
            }
        }
    }

    [Fact]
    public void A_quoted_field_longer_than_the_buffer_keeps_its_commas_quotes_and_line_count()
    {
        var inner = string.Concat(Enumerable.Repeat("a,b\"\"c\n지민", 20_000));
        var text = $"id,note\r\n1,\"{inner}\"\r\n2,x\r\n";
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(["id", "note"], reader.Next()!.Fields);
        var big = reader.Next()!;
        Assert.Equal((2, inner.Replace("\"\"", "\"", StringComparison.Ordinal)), (big.Line, big.Fields[1]));
        var next = reader.Next()!;
        Assert.Equal((2 + 20_000 + 1, "2"), (next.Line, next.Fields[0]));
        Assert.Null(reader.Next());
    }

    private static byte[] RandomFile(Random random, bool huge)
    {
        string[] pieces = ["a", "bc", "12.50", "지민", ",", ",", "\"", "\"\"", "\r\n", "\n", "\r", " ", "x y", "\0", "O'Neil"];
        var text = new StringBuilder();
        var count = random.Next(0, 80);
        for (var i = 0; i < count; i++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
            if (huge && random.Next(20) == 0)
                text.Append('z', 70_000 + random.Next(10_000));
        }
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(text.ToString()));
        if (random.Next(10) == 0 && bytes.Count > 0)
            bytes.Insert(random.Next(bytes.Count), 0xFF); // not UTF-8
        return [.. bytes];
    }

    /// <summary>The reading the fast path must equal: one character at a time, as the reader did before it.</summary>
    private static List<(int Line, string[] Fields, CsvDefect Defect)> Reference(byte[] bytes)
    {
        var text = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true).ReadToEnd();
        var records = new List<(int, string[], CsvDefect)>();
        var position = 0;
        var line = 1;
        while (true)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var start = line;
            var quoted = false;
            var atFieldStart = true;
            var notText = false;
            while (true)
            {
                if (position == text.Length)
                {
                    if (fields.Count == 0 && field.Length == 0 && atFieldStart && !quoted)
                        return records;
                    fields.Add(field.ToString());
                    records.Add((start, [.. fields], quoted ? CsvDefect.Truncated : notText ? CsvDefect.NotText : CsvDefect.None));
                    return records;
                }
                var c = text[position++];
                if (c is '\0' or '\uFFFD')
                    notText = true;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            position++;
                            field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                            line++;
                        field.Append(c);
                    }
                    continue;
                }
                if (c == '"' && atFieldStart)
                {
                    quoted = true;
                    atFieldStart = false;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                }
                else if (c == '\r' && position < text.Length && text[position] == '\n')
                {
                }
                else if (c is '\n' or '\r')
                {
                    line++;
                    fields.Add(field.ToString());
                    records.Add((start, [.. fields], notText ? CsvDefect.NotText : CsvDefect.None));
                    break;
                }
                else
                {
                    field.Append(c);
                    atFieldStart = false;
                }
            }
        }
    }
}
