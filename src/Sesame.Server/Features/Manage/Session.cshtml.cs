using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sesame.Server.Features.Manage;

/// <summary>
/// "Rester connecté" in the idle warning: any authenticated request renews the session's last-seen time on
/// the server (DatabaseTicketStore), so this answers only whether the session is still there.
/// </summary>
public sealed class SessionModel : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost() => new JsonResult(new { active = true });
}
