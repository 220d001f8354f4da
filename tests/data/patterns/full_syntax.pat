# Every feature of the native pattern-set format, with examples that `moscan patterns check`
# runs on both engines (see docs/patterns.md). Used by tests/cli_patterns_test.sh.
set full_syntax
description Demonstration of the pattern-set format

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
