/**
 * Battery calls where the reference server still answers otherwise than MISP 2.5.1, and why.
 * The battery test expects each of them to differ: fixing one makes the test fail until the
 * entry is removed here, so this list cannot go stale.
 */
export const KNOWN_GAPS: Record<string, string> = {
  authkeys_index:
    'the first key of a new user is a legacy key here, not an AuthKey, because Security.advanced_authkeys defaults to false on the reference server (true on MISP 2.5.1), so the index lists one key fewer',
};

/** Tests of MISP's testlive_security.py that pass on MISP 2.5.1 but not yet here, and why. */
export const TESTLIVE_GAPS: Record<string, string> = {
  test_advanced_authkeys_deleted_keep_session:
    'auth key restrictions (read_only, allowed_ips, expiration dates) are the hardening issue (issue 10)',
  test_advanced_authkeys_non_exists_user:
    'auth key restrictions (read_only, allowed_ips, expiration dates) are the hardening issue (issue 10)',
  test_advanced_authkeys_reset_org_admin: 'users/resetauthkey is not served yet',
  test_advanced_authkeys_reset_own: 'users/resetauthkey is not served yet',
  test_advanced_authkeys_validity_autoset: 'Security.advanced_authkeys_validity is not implemented yet',
  test_advanced_authkeys_validity_in_range: 'Security.advanced_authkeys_validity is not implemented yet',
  test_advanced_authkeys_validity_not_in_range: 'Security.advanced_authkeys_validity is not implemented yet',
  test_assign_site_admin_role_by_org_admin:
    'MISP 2.5.1 answers this with a 500 (MISPServerError); the reference server refuses with 403 and does not copy the 500',
  test_authkey_keep_session: 'Security.authkey_keep_session is not implemented yet',
  test_log_auth_fail_multiple: 'the auth_fail log lines of a key list differ in number from MISP',
  test_log_paranoid: 'MISP.log_paranoid is not implemented yet',
  test_log_paranoid_include_post_body: 'MISP.log_paranoid is not implemented yet',
  test_log_user_ips: 'MISP.log_user_ips is not implemented yet',
  test_log_user_ips_auth: 'MISP.log_user_ips is not implemented yet',
  test_not_logged_in: 'Security.allow_self_registration and /users/register are not implemented yet',
  test_org_hide_from_sharing_group: 'sharing groups are not implemented',
  test_org_hide_org_can_see_after_contribution:
    'an organisation that contributed to a visible event is not yet visible under Security.hide_organisation_index_from_users',
  test_sg_index_user_can_see: 'sharing groups are not implemented',
  test_sg_index_user_cannot_see: 'sharing groups are not implemented',
  test_sg_view_user_can_see: 'sharing groups are not implemented',
  test_sg_view_user_can_see_can_edit: 'sharing groups are not implemented',
  test_sg_view_user_can_see_cannot_edit: 'sharing groups are not implemented',
  test_sg_view_user_cannot_see: 'sharing groups are not implemented',
  test_sighting_policy_host_org: 'Plugin.Sightings_policy and sightings restSearch are not implemented yet',
  test_sighting_rest_search_permission:
    'Plugin.Sightings_policy and sightings restSearch are not implemented yet',
  test_unpublished_private: 'MISP.unpublishedprivate is not implemented yet',
  test_user_monitoring_enabled_add_user: 'Security.user_monitoring_enabled is not implemented yet',
  test_user_monitoring_enabled_no_user: 'Security.user_monitoring_enabled is not implemented yet',
  test_user_setting_delete: 'the userSettings API is not implemented yet',
  test_username_in_response_header:
    'Security.username_in_response_header (the X-Username header) is not implemented yet',
  test_username_in_response_header_advanced_api_access:
    'Security.username_in_response_header (the X-Username header) is not implemented yet',
  test_username_in_response_header_api_access:
    'Security.username_in_response_header (the X-Username header) is not implemented yet',
};
