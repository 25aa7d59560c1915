using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sesame.Core.Accounts;

namespace Sesame.Server.Features.Manage;

/// <summary>"Gérer votre compte": what the account is and whether it is identified yet.</summary>
public sealed class IndexModel(UserManager<SesameUser> users) : PageModel
{
    public string Username { get; private set; } = "";

    public string Email { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the person was identified against the registries; null if not yet.</summary>
    public DateTimeOffset? IdentifiedAt { get; private set; }

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
        return Page();
    }
}
