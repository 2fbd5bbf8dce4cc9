/** MISP's enumerations as the UI names them (Event::$distributionLevels, threat_levels, analysisLevels). */
export const DISTRIBUTION_LEVELS: Record<string, string> = {
  '0': 'Your organisation only',
  '1': 'This community only',
  '2': 'Connected communities',
  '3': 'All communities',
  '4': 'Sharing group',
};

export const ATTRIBUTE_DISTRIBUTION_LEVELS: Record<string, string> = {
  ...DISTRIBUTION_LEVELS,
  '5': 'Inherit event',
};

export const THREAT_LEVELS: Record<string, string> = {
  '1': 'High',
  '2': 'Medium',
  '3': 'Low',
  '4': 'Undefined',
};

export const ANALYSIS_LEVELS: Record<string, string> = { '0': 'Initial', '1': 'Ongoing', '2': 'Completed' };

/** The classes whose icon stands before the threat level (ours, drawn with Font Awesome). */
export const THREAT_LEVEL_CLASS: Record<string, string> = {
  '1': 'threat-level-high',
  '2': 'threat-level-medium',
  '3': 'threat-level-low',
  '4': 'threat-level-undefined',
};
