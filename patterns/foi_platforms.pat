# moscan pattern set: the 16 platforms listed in FOI 1148A/20 (West Midlands Police, 7/12/2020).
#
# Format (see matchers/pattern_set.hpp): a `platform ID Display name` line, then its lines:
#   pattern REGEX    Hyperscan syntax; case-insensitive and whole-word unless {case} / {partial}
#   exclude REGEX    a false friend: a match of this platform that overlaps it is not a mention
#   match / nomatch  examples checked by the tests (and `moscan patterns check`)
# Overlapping matches of one platform count as one mention ("Facebook Messenger" = 1).
# Possessives work through the word boundary: "facebook's" matches facebook.
set foi_platforms
description The 16 platforms of FOI 1148A/20 with the aliases MO writers use

platform facebook Facebook / Facebook Messenger
  group meta
  pattern face ?book(?: messenger)?
  pattern fb(?: messenger)?
  match SUSP contacted IP via Facebook Messenger
  match added V on FB and sent msgs
  match IP's facebook's privacy settings
  nomatch met face to face in the park
  nomatch left his messenger bag at the scene

platform instagram Instagram
  group meta
  pattern instagram
  pattern insta
  pattern {case} IG
  match followed IP on Insta
  match DMs on IG
  nomatch instant messaging app
  nomatch SUSP installed an app
  nomatch in this instance

platform whatsapp WhatsApp
  group meta
  pattern what'?s ?app
  match sent pics via WhatsApp
  match messages on What's App
  match whats app group
  nomatch what's happening

platform snapchat Snapchat
  pattern snap ?chat
  pattern (?:on|via|over) snap
  pattern added (?:ip |v |her |him )?on snap
  pattern sent snaps
  match added IP on Snapchat
  match talked via snap
  match sent snaps of himself
  nomatch SUSP snapped at her
  nomatch a snap decision

platform imessage iMessage
  pattern i-?messages?
  match texts via iMessage
  match several i-message chats
  nomatch I messaged her mother

platform telegram Telegram
  pattern telegram
  match moved chat to Telegram
  nomatch hit a telegraph pole

platform signal Signal
  pattern signal (?:app|messenger|messaging app)
  pattern (?:via|on|over|using) signal
  exclude (?:traffic|no|poor|phone|weak|bad|mobile) signal
  match messaged via Signal
  match installed the Signal app
  nomatch stopped at a traffic signal
  nomatch there was no signal in the flat
  nomatch he signalled to the driver

platform twitch Twitch
  pattern twitch
  exclude (?:eye|muscle|nervous) twitch
  match watched her stream on Twitch
  nomatch his eye twitched
  nomatch twitching nervously

platform online_gaming Online gaming
  pattern online gam(?:e|es|ing)
  pattern gaming (?:online|chat)
  pattern xbox(?: live)?
  pattern ps[345]
  pattern playstation(?: network)?
  pattern psn
  pattern fortnite
  pattern roblox
  pattern minecraft
  pattern call of duty
  pattern {case} COD
  pattern fifa online
  pattern {case} Steam
  match met while playing Fortnite
  match party chat on Xbox Live
  match through online gaming
  nomatch cod and chips
  nomatch the windows were steamed up

platform kik Kik
  pattern kik(?: messenger)?
  match chatting on Kik
  nomatch SUSP kicked the door
  nomatch kicks off

platform twitter Twitter
  pattern twitter
  pattern tweets?
  match DM on Twitter
  match posted tweets about V
  nomatch tweeted

platform skype Skype
  pattern skyped?
  match video call on Skype
  match SUSP skyped IP
  nomatch skyline

platform tiktok TikTok
  pattern tik[ -]?tok
  match videos on TikTok
  match tik-tok account
  nomatch tick tock

platform facetime FaceTime
  pattern face ?timed?
  exclude face time (?:with|together)
  match called on FaceTime
  match facetimed IP
  nomatch face to face

platform discord Discord
  pattern discord
  exclude (?:family|marital|domestic) discord
  exclude discord between
  match joined a Discord server
  nomatch history of family discord
  nomatch discord between the parents

platform omegle Omegle
  pattern omegle
  match met on Omegle
  nomatch omelette
