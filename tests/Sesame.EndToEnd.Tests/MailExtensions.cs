using Sesame.Testing;

namespace Sesame.EndToEnd.Tests;

public static class MailExtensions
{
    /// <summary>
    /// Waits for the first message to the address that matches, whatever arrived before or between (the
    /// outbox may send two messages queued at the same instant in either order).
    /// </summary>
    public static async Task<ReceivedMail> WaitForMailAsync(this MailServer mail, string to, Func<ReceivedMail, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var messages = await mail.ReceivedAsync(to);
            if (messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var subjects = string.Join(" | ", messages.Select(m => m.Subject));
                throw new TimeoutException($"No {what} mail reached {to}; received: {subjects}");
            }

            try
            {
                await mail.WaitForAsync(to, messages.Count + 1, left);
            }
            catch (TimeoutException)
            {
                // Looked once more at the top of the loop, then reported with what did arrive.
            }
        }
    }
}
