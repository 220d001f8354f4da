# Every feature of the native pattern-set format, with examples that `moscan patterns check`
# runs on both engines (see docs/patterns.md). Used by tests/cli/cli_patterns_test.sh.
set full_syntax
description Demonstration of the pattern-set format

# Macros: {{NAME}} in a later expression stands for (?:REGEX); \xHH is one byte (UTF-8 here):
# space . _ - or no-break space, hyphen, non-breaking hyphen, en dash; straight or curly '.
define sep (?:[ ._-]|\xc2\xa0|\xe2\x80[\x90\x91\x93])?
define apos (?:'|\xe2\x80\x99)?

# Terms: named helper expressions, never mentions themselves.
term app_context (?:app|account|profile|dms?|messag(?:e|ed|es|ing)|online|added|followed)
term school_context (?:school|teacher|classroom|playground)

platform snapchat Snapchat
  group meta
  pattern snap ?chat
  pattern {edit=1} snapchat
  exclude {edit=1} snapshot
  pattern {require=app_context} snaps?
  match SUSP added IP on Snapchat
  match SUSP sent msgs on snapcht
  match followed V on snap
  nomatch SUSP snapped at her
  nomatch a snap decision
  nomatch sent a screenshot

platform twitter Twitter / X
  pattern twitter
  pattern tweets?
  pattern {case,valid=2023-07-24..} X
  match DM on Twitter
  match {date=2024-02-01} messaged IP on X
  nomatch {date=2023-01-10} messaged IP on X
  nomatch {date=2024-02-01} x marks the spot

platform vine Vine
  valid ..2017-01-17
  pattern vine
  match {date=2015-05-01} videos on Vine
  nomatch {date=2019-05-01} videos on Vine

platform teams Microsoft Teams
  unless school_context
  pattern {case} Teams
  pattern microsoft teams
  match called her on Microsoft Teams
  nomatch Teams lesson at school

platform kik Kik
  pattern {label=kik_word} kik
  match chatting on Kik
  nomatch kicked the door

# Proximity: an ambiguous name counts only within N bytes of a cue (near), and a false
# friend only where its own cue is near (an exclude with near).
term chat_cue (?:app|chat|group|server|account|messaged|dms?)
term road_cue (?:traffic|railway|rail|lights?)

platform signal Signal
  pattern {near=chat_cue:40} signal
  exclude {near=road_cue:12} signal
  match messaged her on Signal, the encrypted app
  match added him to a Signal group
  nomatch the signal was weak
  nomatch ran a red traffic signal
  nomatch at the traffic lights, the signal app

platform whatsapp WhatsApp
  # a platform-level condition: no WhatsApp mention touching a road word (a demonstration)
  notnear road_cue:0
  pattern what{{apos}}s{{sep}}app
  match messaged on What’s App
  match sent a whats-app
  match on Whats App
  nomatch what sapp
