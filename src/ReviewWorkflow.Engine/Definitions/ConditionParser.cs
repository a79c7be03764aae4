namespace ReviewWorkflow.Engine.Definitions;

/// <summary>
/// Reads a <c>when</c> condition (grammar on <see cref="Condition"/>). Values are bare words or
/// quoted with ' or ". Errors give the column, counted from 1 within the condition text.
/// </summary>
internal sealed class ConditionParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;

    private ConditionParser(string text, List<Token> tokens)
    {
        _text = text;
        _tokens = tokens;
    }

    public static (Condition? Condition, string? Error) Parse(string text)
    {
        var (tokens, error) = Tokenize(text);
        if (error is not null)
        {
            return (null, error);
        }

        if (tokens.Count == 0)
        {
            return (null, "empty condition");
        }

        try
        {
            var parser = new ConditionParser(text, tokens);
            var condition = parser.ParseAny();
            if (parser._next < tokens.Count)
            {
                throw parser.Fail($"expected 'and' or 'or', found '{tokens[parser._next].Text}'");
            }

            return (condition, null);
        }
        catch (SyntaxError e)
        {
            return (null, e.Message);
        }
    }

    private Condition ParseAny() => ParseJoined("or", ParseAll, (text, terms) => new AnyCondition(text, terms));

    private Condition ParseAll() => ParseJoined("and", ParseFactor, (text, factors) => new AllCondition(text, factors));

    /// <summary>Terms joined by <paramref name="keyword"/>; a single term stands for itself.</summary>
    private Condition ParseJoined(string keyword, Func<Condition> parseTerm, Func<string, List<Condition>, Condition> join)
    {
        var start = _next;
        var terms = new List<Condition> { parseTerm() };
        while (Accept(keyword))
        {
            terms.Add(parseTerm());
        }

        return terms.Count == 1 ? terms[0] : join(Between(start, _next - 1), terms);
    }

    private Condition ParseFactor()
    {
        var start = _next;
        var reference = ParseReference();
        if (Peek() is { Kind: TokenKind.Equals or TokenKind.NotEquals } op)
        {
            _next++;
            var value = ParseValue(op.Text);
            return new EqualsCondition(Between(start, _next - 1), reference, value, op.Kind == TokenKind.NotEquals);
        }

        if (Accept("contains"))
        {
            var value = ParseValue("contains");
            return new ContainsCondition(Between(start, _next - 1), reference, value);
        }

        return new TruthyCondition(Between(start, start), reference);
    }

    private FieldReference ParseReference()
    {
        var token = Peek() ?? throw Fail("expected a reference like step.field or case.fact, found the end of the condition");
        var dot = token.Text.IndexOf('.');
        if (token.Kind != TokenKind.Word || IsKeyword(token.Text) || dot <= 0 || dot == token.Text.Length - 1 || token.Text.IndexOf('.', dot + 1) >= 0)
        {
            throw Fail($"expected a reference like step.field or case.fact, found '{token.Text}'");
        }

        _next++;
        return new FieldReference(token.Text[..dot], token.Text[(dot + 1)..]);
    }

    private string ParseValue(string after)
    {
        var token = Peek();
        if (token is null || token.Kind is TokenKind.Equals or TokenKind.NotEquals || (token.Kind == TokenKind.Word && IsKeyword(token.Text)))
        {
            throw Fail($"expected a value after '{after}'");
        }

        _next++;
        return token.Kind == TokenKind.Quoted ? token.Text[1..^1] : token.Text;
    }

    private bool Accept(string keyword)
    {
        if (Peek() is { Kind: TokenKind.Word } token && token.Text == keyword)
        {
            _next++;
            return true;
        }

        return false;
    }

    private Token? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private SyntaxError Fail(string message)
    {
        var column = _next < _tokens.Count ? _tokens[_next].Start + 1 : _text.TrimEnd().Length + 1;
        return new SyntaxError($"condition syntax error at column {column}: {message}");
    }

    /// <summary>The source text of tokens first..last, so each sub-condition can be quoted back to its author.</summary>
    private string Between(int firstToken, int lastToken) =>
        _text[_tokens[firstToken].Start..(_tokens[lastToken].Start + _tokens[lastToken].Text.Length)];

    private static bool IsKeyword(string word) => word is "and" or "or" or "contains";

    private static (List<Token> Tokens, string? Error) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '=' or '!')
            {
                if (i + 1 >= text.Length || text[i + 1] != '=')
                {
                    return (tokens, $"condition syntax error at column {i + 1}: use '==' or '!=' to compare, not '{c}'");
                }

                tokens.Add(new Token(c == '=' ? TokenKind.Equals : TokenKind.NotEquals, text.Substring(i, 2), i));
                i += 2;
            }
            else if (c is '\'' or '"')
            {
                var close = text.IndexOf(c, i + 1);
                if (close < 0)
                {
                    return (tokens, $"condition syntax error at column {i + 1}: unterminated quote");
                }

                tokens.Add(new Token(TokenKind.Quoted, text[i..(close + 1)], i));
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '!' or '\'' or '"'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
            }
        }

        return (tokens, null);
    }

    private enum TokenKind { Word, Quoted, Equals, NotEquals }

    private sealed record Token(TokenKind Kind, string Text, int Start);

    private sealed class SyntaxError(string message) : Exception(message);
}
