"""The security headers every page of the app carries in production, its error pages included
(docs/security.md, "Headers on every response"): what the error-page tests look for."""

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "Cross-Origin-Opener-Policy",
)
