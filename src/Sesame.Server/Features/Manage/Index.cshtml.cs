using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sesame.Core.Accounts;
using Sesame.Server.Infrastructure.Identity;

namespace Sesame.Server.Features.Manage;

/// <summary>"Gérer votre compte": what the account is, whether it is identified yet, and its sections (a professional's account page is "Mes organisations").</summary>
[CitizensOnly]
public sealed class IndexModel(UserManager<SesameUser> users, AccountClosing closing) : PageModel
{
    public string Username { get; private set; } = "";

    public string Email { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the person was identified against the registries; null if not yet.</summary>
    public DateTimeOffset? IdentifiedAt { get; private set; }

    /// <summary>While a closure is pending: the day the account will be deleted (issue 5, grace period).</summary>
    public string? ClosureDeletionDate { get; private set; }

    /// <summary>A resource key shown at the top (only the known ones: the query never carries text).</summary>
    [FromQuery(Name = "avis")]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Redirect("/");
        }

        Username = user.UserName!;
        Email = user.Email!;
        CreatedAt = user.CreatedAt;
        IdentifiedAt = user.IdentifiedAt;
        ClosureDeletionDate = user.ClosureRequestedAt is { } requested ? closing.DateText(AccountClosure.DeletionDue(requested)) : null;
        Notice = Notice is "Manage.Closure.Cancelled" ? Notice : null;
        return Page();
    }
}
