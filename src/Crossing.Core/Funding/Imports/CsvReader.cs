using System.Buffers;
using System.Text;

namespace Crossing.Core.Funding.Imports;

/// <summary>One CSV record: the physical line it starts on, its fields, and what is wrong with its text, if anything.</summary>
public sealed record CsvRecord(int Line, string[] Fields, CsvDefect Defect);

public enum CsvDefect
{
    None,

    /// <summary>The file ended inside a quoted field, or the last line ends without a line break and lacks fields.</summary>
    Truncated,

    /// <summary>Bytes that are not UTF-8 text, or NUL characters: not a text file.</summary>
    NotText,
}

/// <summary>
/// A small RFC 4180 reader: UTF-8 with or without BOM, CRLF or LF, quoted fields holding commas, quotes and line breaks.
/// Hand-written rather than CsvHelper because imports need the physical line each record starts on, a record-level
/// verdict instead of an exception for damaged text, and a million rows a second.
/// </summary>
public sealed class CsvReader : IDisposable
{
    // Characters that end a run of ordinary text outside and inside quotes; everything else is copied a run at a time.
    private static readonly SearchValues<char> Stops = SearchValues.Create(",\r\n\0\uFFFD");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n\0\uFFFD");

    private readonly StreamReader reader;
    private readonly Stream stream;
    private readonly char[] buffer = new char[1 << 16];
    private readonly StringBuilder field = new();
    private readonly List<string> fields = [];
    private int length;
    private int position;
    private int line = 1;
    private bool ended;

    public CsvReader(Stream stream)
    {
        this.stream = stream;
        // Invalid bytes become U+FFFD, which marks the record as not text instead of failing the whole file.
        reader = new StreamReader(stream, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    /// <summary>Bytes consumed so far (approximate, buffered), for progress.</summary>
    public long BytesRead => stream.CanSeek ? stream.Position : 0;

    public long TotalBytes => stream.CanSeek ? stream.Length : 0;

    /// <summary>The last record ended without a line break (a truncated file often does).</summary>
    public bool LastRecordUnterminated { get; private set; }

    public CsvRecord? Next()
    {
        if (ended)
            return null;
        fields.Clear();
        field.Clear();
        var start = line;
        var quoted = false;
        var atFieldStart = true;
        var notText = false;
        while (true)
        {
            if (position == length && !Fill())
            {
                ended = true;
                if (fields.Count == 0 && field.Length == 0 && atFieldStart && !quoted)
                    return null;
                fields.Add(field.ToString());
                LastRecordUnterminated = true;
                return new CsvRecord(start, [.. fields], quoted ? CsvDefect.Truncated : notText ? CsvDefect.NotText : CsvDefect.None);
            }
            var c = buffer[position++];
            if (c is '\0' or '\uFFFD')
                notText = true;
            if (quoted)
            {
                if (c == '"')
                {
                    if (Peek() == '"')
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
                    AppendRun(QuotedStops);
                }
                continue;
            }
            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' when Peek() == '\n':
                    break;
                case '\n':
                case '\r':
                    line++;
                    fields.Add(field.ToString());
                    return new CsvRecord(start, [.. fields], notText ? CsvDefect.NotText : CsvDefect.None);
                default:
                    field.Append(c);
                    atFieldStart = false;
                    AppendRun(Stops);
                    break;
            }
        }
    }

    /// <summary>Copies the buffered characters up to the next one in <paramref name="stops"/> into the field at once.</summary>
    private void AppendRun(SearchValues<char> stops)
    {
        var rest = buffer.AsSpan(position, length - position);
        var n = rest.IndexOfAny(stops);
        if (n < 0)
            n = rest.Length;
        field.Append(rest[..n]);
        position += n;
    }

    private int Peek()
    {
        if (position == length && !Fill())
            return -1;
        return buffer[position];
    }

    private bool Fill()
    {
        length = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return length > 0;
    }

    public void Dispose() => reader.Dispose();
}
