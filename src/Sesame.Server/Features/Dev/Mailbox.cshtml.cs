using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Mail;

namespace Sesame.Server.Features.Dev;

/// <summary>
/// The development mailbox: the last messages Sesame sent, so that the run command is usable without an SMTP
/// server. It answers 404 outside Development (issue 2: "refused in Production").
/// </summary>
public sealed class MailboxModel(SesameDbContext db, IDataProtectionProvider protection, IWebHostEnvironment environment) : PageModel
{
    public IReadOnlyList<Entry> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        var rows = await db.OutboxMessages.OrderByDescending(m => m.CreatedAt).Take(50).ToListAsync(cancellationToken);
        Messages = [.. rows.Select(m => new Entry(MailOutbox.Open(protection, m), m.CreatedAt, m.SentAt))];
        return Page();
    }

    public sealed record Entry(MailContent? Content, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
}
