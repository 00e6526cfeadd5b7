using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Accounts;

public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = 403;
}
