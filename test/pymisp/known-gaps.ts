/**
 * Battery calls where the reference server still answers otherwise than MISP 2.5.1, and why.
 * The battery test expects each of them to differ: fixing one makes the test fail until the
 * entry is removed here, so this list cannot go stale.
 */
export const KNOWN_GAPS: Record<string, string> = {};

/** Tests of MISP's testlive_security.py that pass on MISP 2.5.1 but not yet here, and why. */
export const TESTLIVE_GAPS: Record<string, string> = {
  test_advanced_authkeys_deleted_keep_session:
    'MISP 2.5.1 answers a kept session whose auth key was deleted with a 500 (MISPServerError); the reference server ends the session with the "Authentication failed" 403 and does not copy the 500',
  test_assign_site_admin_role_by_org_admin:
    'MISP 2.5.1 answers this with a 500 (MISPServerError); the reference server refuses with 403 and does not copy the 500',
};
