using System.Globalization;
using SpeedUp.Core.Errors;

namespace SpeedUp.Core.Events;

/// <summary>
/// The position of a watcher in the outbox as clients see it: an opaque text (today the decimal sequence of the last
/// event delivered). A client stores the token of the last event it processed and passes it back to resume.
/// </summary>
public static class ResumeToken
{
    /// <summary>The token of a position.</summary>
    public static string Of(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The position a token names; an empty token is null (start from now).</summary>
    /// <exception cref="SpeedUpException">isv.INVALID_PARAMETERS: not a token this service gave out.</exception>
    public static long? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (token.Length > 19 || !token.All(char.IsAsciiDigit)
            || !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw SpeedUpException.InvalidParameter("resume_token is not a token this service gave out (pass the resume_token of the last message received, or none to start from now).");
        }

        return sequence;
    }
}
