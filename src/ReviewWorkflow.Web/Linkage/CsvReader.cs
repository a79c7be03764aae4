using System.Text;

namespace ReviewWorkflow.Web.Linkage;

/// <summary>
/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes doubled, and line breaks) one record at
/// a time, remembering the line each record starts on so errors can name it.
/// </summary>
public sealed class CsvReader(TextReader reader)
{
    /// <summary>What the reader's decoder puts for bytes that are not UTF-8 (a noncharacter no text holds).</summary>
    public const char NotUtf8 = '\uFFFF';

    private int _line = 1;

    /// <summary>The next record and the line it starts on, or null at the end.</summary>
    public (List<string> Fields, int Line)? Read()
    {
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        while (true)
        {
            var next = reader.Read();
            if (next == -1)
            {
                if (quoted) throw new FormatException($"line {start}: a quoted field is not closed before the end of the file");
                if (!any && field.Length == 0 && fields.Count == 0) return null;
                fields.Add(field.ToString());
                return (fields, start);
            }
            any = true;
            var ch = (char)next;
            if (ch == NotUtf8) throw new FormatException($"line {_line}: the file is not valid UTF-8 here; save it as UTF-8 and import it again");
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else
                {
                    if (ch == '\n') _line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    _line++;
                    fields.Add(field.ToString());
                    return (fields, start);
                default:
                    field.Append(ch);
                    break;
            }
        }
    }
}
