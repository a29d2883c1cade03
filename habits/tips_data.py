"""The advice catalogue: tips in our own words, drawn from the articles in ../shared/seeds/.

Keys are stored on sent reminders: never rename or reuse one; delete a tip's entry to retire
it and `load_catalogue` deactivates it. Each tip names the article file(s) it comes from; where
an article is wrong, the tip says what is right instead (see DESIGN.md, clinical soundness).
Triggers are the situations in reminders.tip_choice.TRIGGERS. {emergency} and {helplines} in a
body are filled in from her region, never her language (habits.emergency_numbers).
"""

from dataclasses import dataclass

from habits.models import Tip

Category = Tip.Category

ARTICLE_POSTURE = "000_1034d5f5db9ee68a.txt"
ARTICLE_LIGAMENTS = "001_88700e4b1d4a6764.txt"
ARTICLE_RELIEF = "002_470d886419e493bc.txt"
ARTICLE_ANAESTHESIA = "003_145eda24f5ee9b79.txt"
ARTICLE_CAUSES = "004_da19bcb9bccabfa3.txt"


@dataclass(frozen=True)
class TipData:
    key: str
    category: str
    title_en: str
    title_zh: str
    body_en: str
    body_zh: str
    why_en: str
    why_zh: str
    sources: tuple[str, ...]
    triggers: tuple[str, ...] = ("general",)
    min_weeks: int = 0
    max_weeks: int | None = None
    caesarean_min_weeks: int | None = None
    caesarean_only: bool = False
    # Says when to get help: sent before the other tips of its trigger.
    safety: bool = False
    # The catalogue exercise (habits.catalogue_data) this tip explains.
    exercise: str = ""


TIPS: list[TipData] = [
    TipData(
        key="supported_feeding",
        category=Category.FEEDING,
        title_en="Support your back while you feed",
        title_zh="喂奶时给后背一个支撑",
        body_en=(
            "Sit back in the chair with a cushion behind your lower back, and raise the baby on a "
            "pillow so you bring the baby to the breast, not the breast to the baby."
        ),
        body_zh=(
            "坐满椅子，在腰后垫一个靠垫，再用枕头把宝宝垫高，让宝宝贴近乳房，而不是你俯身去够宝宝。"
        ),
        why_en=(
            "Leaning forward to feed, several times a day, keeps the back muscles working the "
            "whole time. Four of the five articles link feeding posture with back pain."
        ),
        why_zh=(
            "一天多次前倾喂奶，会让背部肌肉一直处于紧张状态。"
            "五篇文章中有四篇都把喂奶姿势与腰背痛联系在一起。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS, ARTICLE_ANAESTHESIA, ARTICLE_CAUSES),
        triggers=("unsupported_feeds", "hunched_feeds"),
    ),
    TipData(
        key="feeding_footstool",
        category=Category.FEEDING,
        title_en="Rest your feet on a low stool when you feed",
        title_zh="喂奶时脚下垫个小凳",
        body_en=(
            "Put your feet on a footstool or a pile of books so your knees sit a little above your "
            "hips. Your lap tilts back, the baby rests closer to you, and your lower back can lean "
            "into the chair."
        ),
        body_zh=(
            "用小脚凳或几本书垫在脚下，让膝盖略高于髋部。这样大腿微微后倾，宝宝离你更近，"
            "腰也能稳稳靠住椅背。"
        ),
        why_en=(
            "Articles 000, 003 and 004 ask for a relaxed, supported position when you feed. A "
            "footstool is a common, simple way to get one; it is practical experience rather than "
            "something trials have tested."
        ),
        why_zh=(
            "第000、003和004篇文章都强调喂奶时身体要放松、有支撑。脚下垫凳是常见又简单的做法，"
            "属于实践经验，并没有专门的试验验证。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_ANAESTHESIA, ARTICLE_CAUSES),
        triggers=("unsupported_feeds", "hunched_feeds"),
    ),
    TipData(
        key="feeding_baby_to_breast",
        category=Category.FEEDING,
        title_en="Bring the baby up to you, not you down to the baby",
        title_zh="把宝宝抱近，而不是弯腰凑过去",
        body_en=(
            "Before the baby latches on, stack pillows on your lap or use a feeding pillow until "
            "the baby's mouth is level with your nipple. Then sit back; if you catch yourself "
            "leaning over, add another pillow."
        ),
        body_zh=(
            "开始喂奶前，在腿上叠放枕头或用哺乳枕，把宝宝垫到嘴巴与乳头同高，然后向后靠坐。"
            "如果发现自己又弯下腰了，就再加一个枕头。"
        ),
        why_en=(
            "Articles 000 and 004 both name bending over the baby as a feeding position that goes "
            "with back pain. Raising the baby lets your back stay upright for the whole feed."
        ),
        why_zh=(
            "第000篇和第004篇文章都把弯腰俯身喂奶列为与腰背痛有关的不良姿势。把宝宝垫高，"
            "整个喂奶过程中后背都能保持挺直。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_CAUSES),
        triggers=("hunched_feeds", "unsupported_feeds"),
    ),
    TipData(
        key="feeding_side_lying_at_night",
        category=Category.FEEDING,
        title_en="Try feeding lying on your side at night",
        title_zh="夜里可以试试侧躺喂奶",
        body_en=(
            "For night feeds, lie on your side, a pillow behind your back and one between your "
            "knees, the baby facing you. If you might fall asleep, keep pillows and covers away "
            "from the baby, never do this on a sofa or armchair, and put the baby back in their "
            "own cot."
        ),
        body_zh=(
            "夜间喂奶时可以侧躺，背后靠一个枕头，两膝之间夹一个枕头，让宝宝面朝你。"
            "如果可能睡着，宝宝周围不要放枕头和被子；千万不要在沙发或扶手椅上侧躺喂奶。"
            "喂完后把宝宝放回自己的小床。"
        ),
        why_en=(
            "Articles 003 and 004 say a tense or twisted position while feeding strains the back; "
            "004 lists feeding turned sideways among them, which we read as twisted. Lying fully "
            "on your side, well supported, is not twisted and lets your back rest at night."
        ),
        why_zh=(
            "第003篇和第004篇文章指出，喂奶时姿势紧绷或扭着身体会加重腰部负担；第004篇列出的"
            "“侧身”喂奶，我们理解为扭着身子。整个身体侧躺并用枕头撑好并不扭身，夜里喂奶时腰背也能休息。"
        ),
        sources=(ARTICLE_ANAESTHESIA, ARTICLE_CAUSES),
        triggers=("unsupported_feeds", "hunched_feeds"),
    ),
    TipData(
        key="feeding_after_caesarean",
        category=Category.FEEDING,
        title_en="Feeding holds that spare a caesarean wound",
        title_zh="剖宫产后，喂奶避开伤口的姿势",
        body_en=(
            "The football (clutch) hold, with the baby tucked along your side on pillows, or "
            "feeding lying on your side keeps the baby's weight off your wound. Reclining, laid "
            "back with your shoulders and back supported, lets your back rest too."
        ),
        body_zh=(
            "橄榄球式（把宝宝夹在身体一侧，下面垫枕头）或侧躺喂奶，宝宝的重量不会压在伤口上。"
            "半躺着喂奶、肩背都有支撑时，腰背也能放松。"
        ),
        why_en=(
            "Articles 000 and 004 ask for a relaxed, supported feeding position and a pillow "
            "under the baby. After a caesarean, holds that keep the baby off the tummy are the "
            "usual advice while the wound heals."
        ),
        why_zh=(
            "第000篇和第004篇文章都强调喂奶时要放松、有支撑，并在宝宝身下垫枕头。剖宫产后伤口愈合期间，"
            "通常建议选择不压到腹部的喂奶姿势。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_CAUSES),
        triggers=("unsupported_feeds", "hunched_feeds", "general"),
        max_weeks=8,
        caesarean_only=True,
    ),
    TipData(
        key="lift_bend_knees",
        category=Category.LIFTING,
        title_en="Bend your knees to pick the baby up",
        title_zh="抱宝宝时先屈膝",
        body_en=(
            "Bend your knees and keep your back upright, hold the baby close to your chest, then "
            "gently tighten your tummy and pelvic floor as you stand up with your legs."
        ),
        body_zh=(
            "先弯曲膝盖、保持后背挺直，把宝宝贴近胸口抱稳，起身时轻轻收紧腹部和盆底肌，"
            "用腿的力量站起来。"
        ),
        why_en=(
            "Articles 000 and 001 both advise against bending from the waist to lift the baby. "
            "Using your legs and keeping the weight close puts less strain on your lower back."
        ),
        why_zh=(
            "第000篇和第001篇文章都建议不要直接弯腰抱宝宝。用腿发力、让重量贴近身体，"
            "腰部承受的压力更小。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS),
    ),
    TipData(
        key="lift_change_at_waist_height",
        category=Category.LIFTING,
        title_en="Change nappies at waist height",
        title_zh="在齐腰高度给宝宝换尿布",
        body_en=(
            "Use a changing table, a chest of drawers with a mat on top, or a high bed, so you can "
            "stand up straight. Keep what you need within reach and one hand on the baby."
        ),
        body_zh=(
            "用尿布台、铺了垫子的矮柜或较高的床来换尿布，让自己能站直。把要用的东西放在手边，"
            "并始终用一只手护着宝宝。"
        ),
        why_en=(
            "Articles 000 and 001 name bending low to change nappies, many times a day, as a "
            "strain on the back. A surface at waist height takes away most of that bending."
        ),
        why_zh=(
            "第000篇和第001篇文章都提到，一天多次弯腰换尿布会加重腰部负担。在齐腰高度换尿布，"
            "可以省去大部分弯腰动作。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS),
    ),
    TipData(
        key="lift_bath_without_squatting",
        category=Category.LIFTING,
        title_en="Bathe the baby without squatting",
        title_zh="给宝宝洗澡时别蹲着",
        body_en=(
            "Put the baby bath on a table or worktop at waist height, or kneel on a cushion beside "
            "the big bath, rather than squatting or bending low. Fill and empty the tub with a "
            "jug, or ask someone to carry it."
        ),
        body_zh=(
            "把宝宝浴盆放在齐腰高的桌子或台面上，或者膝下垫个软垫跪在浴缸边，不要蹲着或深弯腰。"
            "用水舀加水、倒水，或请家人帮忙搬浴盆。"
        ),
        why_en=(
            "Article 001 advises against squatting to bathe the baby. A raised bath or kneeling "
            "with support keeps your back upright, and a tub full of water is a heavy lift."
        ),
        why_zh=(
            "第001篇文章建议不要蹲着给宝宝洗澡。把浴盆放高或跪着操作，后背能保持挺直；"
            "而装满水的浴盆很重，不宜自己搬。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
    ),
    TipData(
        key="lift_carry_close_and_swap",
        category=Category.LIFTING,
        title_en="Carry the baby close and swap sides",
        title_zh="抱宝宝贴近身体，左右换着抱",
        body_en=(
            "Hold the baby close against your chest rather than perched on one hip, and swap arms "
            "often. For longer outings, a well-fitted sling or carrier worn high and snug spreads "
            "the weight."
        ),
        body_zh=(
            "把宝宝贴在胸前抱，不要总架在一侧胯上，并经常换手。外出时间长时，用一个合身、"
            "背得高且贴紧身体的背带，可以分散重量。"
        ),
        why_en=(
            "Article 001 warns against letting the baby's weight press on your back. Weight held "
            "close and centred loads the spine evenly; weight on one hip makes you lean sideways."
        ),
        why_zh=(
            "第001篇文章提醒，抱孩子时不要让孩子的重量压在腰背上。重量贴近身体、居中，"
            "脊柱受力均匀；总架在一侧胯上，身体就会歪向一边。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
    ),
    TipData(
        key="lift_after_caesarean",
        category=Category.LIFTING,
        title_en="After a caesarean, lift nothing heavier than the baby",
        title_zh="剖宫产后，别提比宝宝更重的东西",
        body_en=(
            "For about 6 weeks, lift nothing heavier than your baby. Carry the car seat clipped "
            "to the pram rather than on one arm, and leave the laundry basket, the shopping and "
            "the full baby bath to someone else."
        ),
        body_zh=(
            "大约6周内，不要提比宝宝更重的东西。安全座椅装在婴儿车上推着走，不要挎在一只胳膊上；"
            "洗衣篮、买回来的菜和装满水的浴盆，都交给家人去搬。"
        ),
        why_en=(
            "Article 000 warns against bending to lift and asks you to use your legs, and article "
            "001 against letting weight press on your back. After a caesarean the tummy wall is "
            "healing too, so heavy lifting waits about 6 weeks."
        ),
        why_zh=(
            "第000篇文章提醒不要弯腰直接抱起重物、要用腿发力，第001篇文章提醒别让重量压在腰背上。"
            "剖宫产后腹壁也在愈合，所以大约6周内不宜提重物。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS),
        max_weeks=8,
        caesarean_only=True,
    ),
    TipData(
        key="posture_stand_tall",
        category=Category.POSTURE,
        title_en="Stand tall and evenly",
        title_zh="站直，两脚平均用力",
        body_en=(
            "When you stand, spread your weight over both feet, keep your knees soft, stack your "
            "ribs over your hips and keep your chin level. Check yourself in a mirror or a shop "
            "window now and then."
        ),
        body_zh=(
            "站立时两脚平均承重，膝盖微微放松，肋骨摞在骨盆正上方，下巴放平。偶尔照照镜子或橱窗，"
            "看看自己的姿势。"
        ),
        why_en=(
            "In pregnancy the centre of gravity moves forward and the spine adjusts (000, 004), "
            "and article 003 notes that many women keep that posture after birth. Standing evenly "
            "takes load off the lower back."
        ),
        why_zh=(
            "孕期身体重心前移，脊柱随之调整（000、004），"
            "第003篇文章也提到很多妈妈产后仍保持这种姿势。均匀站立能减轻下腰部的负担。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_ANAESTHESIA, ARTICLE_CAUSES),
    ),
    TipData(
        key="posture_sit_back_supported",
        category=Category.POSTURE,
        title_en="Sit right back in your chair",
        title_zh="坐下时让腰背靠实椅背",
        body_en=(
            "Sit with your bottom at the back of the seat, a small cushion or rolled towel in the "
            "curve of your lower back and your feet flat on the floor. Try not to perch on the "
            "edge of the sofa."
        ),
        body_zh=(
            "坐时让臀部贴到座位最里侧，在腰后的弧度处塞一个小靠垫或卷起的毛巾，双脚平放在地上。"
            "尽量不要只坐在沙发边缘。"
        ),
        why_en=(
            "Articles 001 and 003 both say a good sitting posture reduces the load on the lower "
            "spine. With the curve supported, the back muscles can rest instead of holding you up."
        ),
        why_zh=(
            "第001篇和第003篇文章都认为，正确的坐姿能减轻腰椎的负担。腰部弧度有了支撑，"
            "背部肌肉就不用一直用力撑着身体。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_ANAESTHESIA),
    ),
    TipData(
        key="posture_notice_leaning_forward",
        category=Category.POSTURE,
        title_en="Notice when you lean forward",
        title_zh="留意自己是不是总往前探身",
        body_en=(
            "Many of us keep leaning forward long after the bump has gone. A few times a day, drop "
            "your shoulders, lift your eyes from the baby or your phone and let your head rest "
            "back over your shoulders."
        ),
        body_zh=(
            "很多妈妈在肚子没了之后，仍习惯身体往前探。每天几次，放松肩膀，"
            "把视线从宝宝或手机上抬起来，让头回到肩膀正上方。"
        ),
        why_en=(
            "Article 003 notes that many women get used to leaning forward in pregnancy and keep "
            "doing it afterwards, and article 000 explains how the centre of gravity shifts. "
            "Noticing the habit is what makes it possible to change."
        ),
        why_zh=(
            "第003篇文章提到，很多女性孕期习惯了身体前倾，产后还保持着；"
            "第000篇文章也解释了孕期重心前移的过程。先意识到这个习惯，才有可能改过来。"
        ),
        sources=(ARTICLE_ANAESTHESIA, ARTICLE_POSTURE),
    ),
    TipData(
        key="posture_pelvic_girdle_moves",
        category=Category.POSTURE,
        title_en="Moving with a sore pelvis",
        title_zh="骨盆疼时，这样活动更轻松",
        body_en=(
            "Keep your knees together when you turn in bed or get in and out of a car. Take the "
            "stairs one step at a time, sit down to put on trousers and shoes, and keep your "
            "steps short. Avoid standing on one leg."
        ),
        body_zh=(
            "在床上翻身、上下车时，两膝并拢一起动。上下楼梯一次只迈一级，坐着穿裤子和鞋，"
            "走路步子小一点，尽量不要单腿站立。"
        ),
        why_en=(
            "Articles 001 and 004 explain that the ligaments of the pelvis stay loose for a while "
            "after birth. Moves that keep both legs together put less strain on the joints of a "
            "sore pelvis; a physiotherapist can help if it lasts."
        ),
        why_zh=(
            "第001篇和第004篇文章都解释了产后骨盆韧带会松弛一段时间。两腿并拢一起动，"
            "骨盆关节受力更小；如果一直不好，可以去产后康复科请康复治疗师看看。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_CAUSES),
    ),
    TipData(
        key="posture_belts_and_binders",
        category=Category.POSTURE,
        title_en="Pelvic belts and tummy binders",
        title_zh="骨盆带和收腹带怎么用",
        body_en=(
            "A pelvic support belt worn low around your hips can ease pelvic pain for a while. A "
            "tight tummy binder does not strengthen your muscles and presses down on your pelvic "
            "floor: if you use one, keep it snug, not tight, and not all day."
        ),
        body_zh=(
            "骨盆带系在髋部偏下的位置，可以暂时缓解骨盆疼痛。收腹带勒得太紧并不能锻炼肌肉，"
            "反而会把压力压向盆底；如果要用，松紧适中，不要整天绑着。"
        ),
        why_en=(
            "Article 004 describes loose pelvic ligaments after birth, and a waist held too tight "
            "among the habits that keep the back tense. Support can help for a while; only "
            "exercise rebuilds the muscles."
        ),
        why_zh=(
            "第004篇文章提到产后骨盆韧带松弛，也把腰部束得太紧列为让腰背紧张的原因之一。"
            "支撑带能暂时帮上忙，但只有康复练习才能让肌肉重新有力。"
        ),
        sources=(ARTICLE_CAUSES,),
    ),
    TipData(
        key="exercise_deep_core_breathing",
        category=Category.EXERCISE,
        title_en="Deep-core breathing, from the first days",
        title_zh="呼吸配合收小腹，产后头几天就能做",
        body_en=(
            "Lying or sitting comfortably, breathe in and let your belly and ribs widen. As you "
            "breathe out, gently draw your lower tummy in towards your spine and hold for a few "
            "seconds. Repeat 5 to 10 times."
        ),
        body_zh=(
            "舒服地躺着或坐着，吸气时让腹部和肋骨自然扩张；呼气时轻轻把小腹向脊柱方向收，保持几秒。"
            "重复5到10次。"
        ),
        why_en=(
            "Article 004 links weak, unused core muscles with back pain after birth. Breathing "
            "with a light tummy draw-in is safe early after any birth and is the usual starting "
            "point for rebuilding the deep core."
        ),
        why_zh=(
            "第004篇文章指出，核心肌群缺乏锻炼、力量减弱与产后腰背痛有关。配合呼吸轻轻收腹，"
            "无论哪种分娩方式产后早期都可以做，也是重建深层核心力量通常的第一步。"
        ),
        sources=(ARTICLE_CAUSES,),
        triggers=("no_exercise", "general"),
        exercise="deep_core_breathing",
    ),
    TipData(
        key="exercise_pelvic_floor_squeezes",
        category=Category.EXERCISE,
        title_en="Pelvic-floor squeezes, a few times a day",
        title_zh="每天做几次盆底肌训练",
        body_en=(
            "Squeeze and lift as if holding in wind and urine, hold for up to 10 seconds, then let "
            "go fully. Do up to 10 slow and 10 quick squeezes, three times a day, building up from "
            "whatever you can manage."
        ),
        body_zh=(
            "像憋住排气和憋尿那样，把盆底肌向上收紧提起，保持最多10秒，再完全放松。慢收10次、"
            "快收10次，每天3组；刚开始做不到这么多也没关系，慢慢增加。"
        ),
        why_en=(
            "Article 004 describes how pregnancy and birth stretch the pelvic floor, often along "
            "with low back pain. Regular squeezes are the standard first exercise after any kind "
            "of birth, a caesarean included."
        ),
        why_zh=(
            "第004篇文章提到，妊娠和分娩会拉伸盆底，盆底功能障碍常伴有腰痛。"
            "规律的盆底肌训练是各种分娩方式（包括剖宫产）产后通常推荐的基础康复练习。"
        ),
        sources=(ARTICLE_CAUSES,),
        triggers=("no_exercise", "general"),
        exercise="pelvic_floor",
    ),
    TipData(
        key="exercise_pelvic_tilts",
        category=Category.EXERCISE,
        title_en="Gentle pelvic tilts",
        title_zh="轻柔的骨盆倾斜运动",
        body_en=(
            "Lie on your back with your knees bent and feet flat. Breathe out and tilt your pelvis "
            "to press your lower back gently into the bed, hold for a few seconds, then relax. "
            "Start with 5 and build up to 10."
        ),
        body_zh=(
            "仰卧，屈膝，双脚平放。呼气时轻轻收小腹，让骨盆向后倾（尾骨微微上卷），下腰部贴向床面，"
            "保持几秒后放松。"
            "从5次开始，逐渐增加到10次。"
        ),
        why_en=(
            "Article 004 ties too little exercise and weak core muscles to back pain. Pelvic tilts "
            "move the lower back gently and wake up the tummy muscles; after a caesarean, wait "
            "about 2 weeks, until moving in bed feels comfortable."
        ),
        why_zh=(
            "第004篇文章认为缺乏运动、核心肌力减弱与腰背痛有关。骨盆倾斜能温和地活动下腰部、"
            "唤醒腹部肌肉；剖宫产后建议等大约2周，在床上翻身活动不再吃力时再开始。"
        ),
        sources=(ARTICLE_CAUSES,),
        triggers=("no_exercise", "general"),
        caesarean_min_weeks=2,
        exercise="pelvic_tilt",
    ),
    TipData(
        key="exercise_knee_to_chest",
        category=Category.EXERCISE,
        title_en="Knee-to-chest stretch",
        title_zh="抱膝拉伸",
        body_en=(
            "Lie on your back and gently hug one knee towards your chest until you feel a stretch "
            "in your lower back. Hold for about 20 seconds, then swap legs. Do 3 to 5 on each "
            "side; it should feel easy, never painful."
        ),
        body_zh=(
            "仰卧，双手抱住一侧膝盖，轻轻拉向胸口，直到下腰部有拉伸感。保持约20秒后换另一条腿。"
            "每侧3到5次，动作应该轻松，不应引起疼痛。"
        ),
        why_en=(
            "This is the leg exercise from article 002, one of its sound suggestions, and it "
            "stretches the lower back. It presses on the tummy, so after a caesarean wait until "
            "the wound has healed, at around 6 weeks."
        ),
        why_zh=(
            "这是第002篇文章里的腿部运动，是其中较可靠的建议，能拉伸下腰部肌肉。因为会压到腹部，"
            "剖宫产的妈妈请等伤口愈合（约6周）后再做。"
        ),
        sources=(ARTICLE_RELIEF,),
        triggers=("no_exercise", "general"),
        min_weeks=1,
        caesarean_min_weeks=6,
        exercise="knee_to_chest",
    ),
    TipData(
        key="exercise_walking",
        category=Category.EXERCISE,
        title_en="Walk a little more each day",
        title_zh="每天多走一点",
        body_en=(
            "Start with a few minutes around the house or outside, pushing the pram if you like, "
            "and add a few minutes each day as you feel able. Walk tall at a comfortable pace."
        ),
        body_zh=(
            "从在家里或楼下走几分钟开始，可以推着婴儿车。觉得可以时，每天多走几分钟。"
            "走路时身体挺直，保持舒服的速度。"
        ),
        why_en=(
            "Article 001 says walking is good for the back, and article 004 links too little "
            "activity with back pain. Walking is safe from the first days after any birth if you "
            "start short and build up."
        ),
        why_zh=(
            "第001篇文章认为散步有利于腰部健康，第004篇文章指出活动太少与腰背痛有关。"
            "无论哪种分娩方式，只要从短时间开始、循序渐进，产后头几天就可以散步。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_CAUSES),
        triggers=("no_exercise", "general"),
        exercise="walking",
    ),
    TipData(
        key="exercise_swimming",
        category=Category.EXERCISE,
        title_en="Swimming, once the bleeding has stopped",
        title_zh="恶露干净后可以游泳",
        body_en=(
            "From about 6 weeks, once the bleeding has stopped, you can swim gently. After a "
            "caesarean, wait until the wound has fully healed and your doctor agrees. Start with "
            "short, easy sessions."
        ),
        body_zh=(
            "产后约6周、恶露干净之后，可以开始轻松地游泳。剖宫产的妈妈要等伤口完全愈合、"
            "医生同意后再下水。刚开始每次游得短一些、慢一些。"
        ),
        why_en=(
            "Article 002 suggests aerobic exercise once the body has had time to recover, and "
            "article 004 links too little exercise with back pain. Water carries your weight, so "
            "swimming is gentle on the back."
        ),
        why_zh=(
            "第002篇文章建议身体恢复一段时间后做有氧运动，第004篇文章指出运动不足与腰背痛有关。"
            "水的浮力能托住身体，游泳对腰背比较温和。"
        ),
        sources=(ARTICLE_RELIEF, ARTICLE_CAUSES),
        triggers=("no_exercise", "general"),
        min_weeks=6,
        caesarean_min_weeks=8,
        exercise="swimming",
    ),
    TipData(
        key="exercise_cycling",
        category=Category.EXERCISE,
        title_en="Cycling, from about 6 weeks",
        title_zh="产后约6周起可以骑车",
        body_en=(
            "After your 6-week check, an exercise bike or an easy ride on flat ground is a good "
            "way to get moving. Raise the handlebars so you sit fairly upright, and ease off if "
            "your pelvis, stitches or scar feel sore."
        ),
        body_zh=(
            "产后42天复查之后，可以骑室内健身车（固定单车），或在平路上轻松骑行。把车把调高一些，"
            "让身体坐得比较直；如果骨盆、会阴或伤口不舒服，就放慢或停下。"
        ),
        why_en=(
            "Article 001 names riding a bike, with walking, as good for the back. Waiting about 6 "
            "weeks gives a torn or cut perineum, or a caesarean wound, time to heal before you sit "
            "on a saddle."
        ),
        why_zh=(
            "第001篇文章把骑车和散步一起列为有益腰部的活动。等到产后约6周再骑，"
            "会阴或剖宫产伤口有时间愈合，坐车座时不会受压疼痛。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
        triggers=("no_exercise", "general"),
        min_weeks=6,
        exercise="cycling",
    ),
    TipData(
        key="exercise_band_training",
        category=Category.EXERCISE,
        title_en="Band training, guided by a physiotherapist",
        title_zh="在康复治疗师指导下做弹力带训练",
        body_en=(
            "From about 6 weeks, resistance-band exercises such as spiral training can strengthen "
            "the muscles around your spine and hips. Learn them from a physiotherapist first, so "
            "the band and the moves suit you."
        ),
        body_zh=(
            "产后约6周起，可以尝试弹力带训练（比如螺旋训练），锻炼脊柱和髋部周围的肌肉。"
            "最好先在康复治疗师指导下学会动作，选择适合自己的弹力带和强度。"
        ),
        why_en=(
            "Article 000 recommends spiral (SPS) training with an elastic band under a "
            "professional's guidance. Its claims for the method itself are not well tested, but "
            "guided strength work is a sound step once the early weeks are over."
        ),
        why_zh=(
            "第000篇文章推荐在专业人员指导下用弹力带做SPS螺旋训练。"
            "文章对这种方法本身的说法缺乏充分验证，但度过产后早期后，"
            "在指导下做力量训练是稳妥的选择。"
        ),
        sources=(ARTICLE_POSTURE,),
        triggers=("no_exercise", "general"),
        min_weeks=6,
        exercise="spiral_band",
    ),
    TipData(
        key="exercise_skip_situps_for_now",
        category=Category.EXERCISE,
        title_en="Skip sit-ups and crunches for now",
        title_zh="暂时不要做仰卧起坐和卷腹",
        body_en=(
            "In the first months, skip sit-ups, crunches and straight-leg lifts. Stick with "
            "deep-core breathing, pelvic-floor squeezes and pelvic tilts, and avoid any move that "
            "makes your tummy bulge or dome."
        ),
        body_zh=(
            "产后头几个月，先不要做仰卧起坐、卷腹和直腿抬高，坚持做呼吸配合收小腹、"
            "盆底肌训练和骨盆倾斜运动。任何让肚子鼓起或中间隆起的动作都先避免。"
        ),
        why_en=(
            "Article 002 suggests straight-leg sit-ups, but they put heavy pressure on stretched "
            "tummy muscles, any gap between them (which article 004 describes) and the pelvic "
            "floor. Gentle deep-core work comes first."
        ),
        why_zh=(
            "第002篇文章建议做直腿仰卧起坐，但这类动作会给拉长的腹肌、"
            "腹直肌分离处（第004篇文章提到）和盆底带来很大压力。产后应先从温和的深层核心练习开始。"
        ),
        sources=(ARTICLE_RELIEF, ARTICLE_CAUSES),
        triggers=("no_exercise", "general"),
        max_weeks=12,
    ),
    TipData(
        key="exercise_tummy_gap_check",
        category=Category.EXERCISE,
        title_en="Check the gap between your tummy muscles",
        title_zh="自己检查一下腹直肌分离",
        body_en=(
            "Lie on your back, knees bent, and lift your head a little. Feel above and below your "
            "navel for a gap between the two bands of muscle. It usually narrows by about "
            "8 weeks; if it is still wider than two fingers, or your tummy domes, see a "
            "physiotherapist."
        ),
        body_zh=(
            "仰卧屈膝，头轻轻抬起一点，用手指在肚脐上下摸两条腹肌之间有没有缝隙。"
            "一般产后8周左右会变窄；如果仍宽于两指，或者肚子中间会鼓起，请去产后康复科看看。"
        ),
        why_en=(
            "Article 004 names the separation of the tummy muscles among the changes of pregnancy "
            "that can keep back pain going. A gap is common and usually closes; a physiotherapist "
            "can guide exercises if it does not."
        ),
        why_zh=(
            "第004篇文章把腹直肌分离列为孕期留下、可能让腰背痛持续的变化之一。分离很常见，"
            "通常会自己恢复；如果没有恢复，康复治疗师可以指导你做针对性的康复练习。"
        ),
        sources=(ARTICLE_CAUSES,),
        min_weeks=2,
        caesarean_min_weeks=6,
    ),
    TipData(
        key="exercise_build_core_gradually",
        category=Category.EXERCISE,
        title_en="Build core strength step by step",
        title_zh="循序渐进地增强核心力量",
        body_en=(
            "With the early weeks behind you, add harder core moves one at a time, such as "
            "bridges, side-lying leg lifts and kneeling planks. Breathe out on the effort, and go "
            "back a step if you leak, bulge or hurt."
        ),
        body_zh=(
            "度过产后早期后，可以一次加一个难一点的核心动作，比如臀桥、侧卧抬腿和跪姿平板支撑。"
            "用力时呼气；如果出现漏尿、腹部隆起或疼痛，就退回到简单一些的动作。"
        ),
        why_en=(
            "Article 004 links weak core muscles and a gap between the tummy muscles with back "
            "pain after birth. Building strength gradually is the usual advice; if you have a gap "
            "or leaking, ask a physiotherapist to check you first."
        ),
        why_zh=(
            "第004篇文章指出，核心肌群无力和腹直肌分离与产后腰背痛有关。"
            "通常建议循序渐进地增加力量训练；如果有腹直肌分离或漏尿，最好先请康复治疗师评估。"
        ),
        sources=(ARTICLE_CAUSES,),
        triggers=("no_exercise", "general"),
        min_weeks=12,
    ),
    TipData(
        key="exercise_return_to_running",
        category=Category.EXERCISE,
        title_en="Back to running, from about 12 weeks",
        title_zh="产后约12周起，再慢慢恢复跑步",
        body_en=(
            "Wait until about 12 weeks and until you pass every test of your running "
            "checklist with no leaking, heaviness or pain. Then run in short spells between "
            "walking. If a test leaks, drags or hurts, or you had leaking, heaviness, a large "
            "tear or a tummy gap, see a pelvic-health physiotherapist first."
        ),
        body_zh=(
            "至少等到产后约12周，并且跑步自测清单上的每一项（快走30分钟、原地慢跑、向前跨跳、"
            "单脚跳和力量测试）都通过，没有漏尿、下坠感或疼痛，再开始跑步：先走跑交替，"
            "每次只跑一小段。如果你有过漏尿、下坠感、较严重的撕裂或腹直肌分离，或某项测试时漏尿、"
            "有下坠感或疼痛，请先去产后康复科（盆底康复）看看再跑。"
        ),
        why_en=(
            "Article 002 suggests aerobic exercise once the body has recovered for a while. "
            "Running jars the pelvic floor and a healing back; a UK guideline for running after "
            "birth (2019) suggests these checks first."
        ),
        why_zh=(
            "第002篇文章建议身体恢复一段时间后再做有氧运动。跑步对盆底和正在恢复的腰背冲击较大；"
            "英国一份产后恢复跑步的指南（2019年）建议先做上面这些自测。"
        ),
        sources=(ARTICLE_RELIEF,),
        triggers=("no_exercise", "general"),
        min_weeks=12,
        exercise="running",
    ),
    TipData(
        key="warm_compress",
        category=Category.WARMTH,
        title_en="A warm compress for a sore back",
        title_zh="腰背酸痛时可以热敷",
        body_en=(
            "Wrap a warm, not hot, water bottle or heat pack in a towel and rest it on the sore "
            "spot for 10 to 15 minutes. Test the temperature first, never use it on numb skin, and "
            "keep it off a caesarean wound until it has healed."
        ),
        body_zh=(
            "把温热（不烫）的热水袋或热敷包用毛巾包好，敷在酸痛处10到15分钟。先试好温度；"
            "皮肤麻木的地方不要热敷，剖宫产伤口愈合前也不要敷在伤口上。"
        ),
        why_en=(
            "Article 002 describes warm compresses and warns about burns. Warmth can relax tight "
            "muscles and ease pain for a while; numb skin cannot feel a burn, and an unhealed "
            "wound should not be heated."
        ),
        why_zh=(
            "第002篇文章介绍了热敷的方法，并提醒注意温度、避免烫伤。热敷可以放松紧张的肌肉，"
            "暂时缓解疼痛；但麻木的皮肤感觉不到烫，未愈合的伤口也不宜加热。"
        ),
        sources=(ARTICLE_RELIEF,),
        triggers=("high_pain", "general"),
    ),
    TipData(
        key="warmth_gentle_massage",
        category=Category.WARMTH,
        title_en="A gentle back massage",
        title_zh="轻轻按摩腰背",
        body_en=(
            "Ask your partner to rub the muscles on either side of your spine with flat, warm "
            "hands, or rub your lower back yourself. Keep it gentle, never press on the spine or a "
            "caesarean scar, and lie on your side if lying on your front is uncomfortable."
        ),
        body_zh=(
            "请家人用温暖的手掌在脊柱两侧的肌肉上轻轻揉按，或者自己揉揉腰部。力度要轻，"
            "不要按压脊柱和剖宫产伤口；趴着不舒服就侧躺着按。"
        ),
        why_en=(
            "Articles 001, 002 and 003 all suggest massage for back pain after birth. It can ease "
            "tight muscles for a while and works best alongside moving about, not instead of it."
        ),
        why_zh=(
            "第001、002和003篇文章都建议用按摩缓解产后腰背痛。按摩能暂时放松紧张的肌肉，"
            "但最好配合日常活动，而不是代替活动。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_RELIEF, ARTICLE_ANAESTHESIA),
        triggers=("high_pain", "general"),
    ),
    TipData(
        key="warmth_lower_back_covered",
        category=Category.WARMTH,
        title_en="Keep your lower back covered",
        title_zh="注意腰部保暖",
        body_en=(
            "Choose tops long enough to cover your lower back when you reach up or bend to the "
            "baby, and add a light layer for night feeds."
        ),
        body_zh="选择抬手或弯腰照顾宝宝时也能盖住腰部的长款上衣，夜里喂奶时再加一件薄外套。",
        why_en=(
            "Article 001 advises keeping the waist warm. There is little research on this, but "
            "warmth is comfortable and harmless, and many mothers find a warm back feels less "
            "stiff."
        ),
        why_zh=(
            "第001篇文章建议注意腰部保暖。这方面的研究不多，但保暖让人舒服、没有坏处，"
            "很多妈妈也觉得腰部暖和时没那么僵硬。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
    ),
    TipData(
        key="rest_move_every_30_45_minutes",
        category=Category.REST,
        title_en="Get up and move every 30 to 45 minutes",
        title_zh="每30到45分钟起身活动一下",
        body_en=(
            "After 30 to 45 minutes of sitting or standing, take a minute to walk about, roll your "
            "shoulders and gently circle your hips. Once the baby is settled after a feed is a "
            "good moment."
        ),
        body_zh=(
            "坐着或站着30到45分钟后，花一分钟走一走、转转肩膀、轻轻绕绕髋部。宝宝吃完奶安顿好之后，"
            "正好可以起来活动一下。"
        ),
        why_en=(
            "Article 002 advises anyone who sits or stands for long spells to move their back "
            "regularly. Holding one position keeps the same muscles working; short breaks share "
            "the load."
        ),
        why_zh=(
            "第002篇文章建议久坐或久站的人要适当活动腰部。长时间保持一个姿势，"
            "会让同一组肌肉一直用力；短暂活动可以分担负荷。"
        ),
        sources=(ARTICLE_RELIEF,),
    ),
    TipData(
        key="rest_avoid_bed_rest",
        category=Category.REST,
        title_en="Rest, but do not stay in bed all day",
        title_zh="要休息，但别整天躺在床上",
        body_en=(
            "Long spells lying down do not treat back pain. Even on sore days, get up regularly, "
            "potter about the house and take short walks, resting in between."
        ),
        body_zh=(
            "长时间卧床并不能治疗腰背痛，坐月子期间也一样。即使腰背痛比较明显的日子，也要经常起来，"
            "在家里走动走动或短距离散步，中间再休息。"
        ),
        why_en=(
            "Articles 001 and 004 both say that lying or sitting in bed most of the time after "
            "birth goes with more back pain. For most back pain, staying gently active is "
            "recommended over bed rest."
        ),
        why_zh=(
            "第001篇和第004篇文章都提到，产后长时间躺卧、缺乏活动与腰背痛加重有关。对大多数腰背痛来说，"
            "建议保持适度活动，而不是卧床休息。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_CAUSES),
    ),
    TipData(
        key="rest_share_the_load",
        category=Category.REST,
        title_en="Let others take on some of the work",
        title_zh="把一部分家务交给别人",
        body_en=(
            "Make a short list of jobs others can do: bathing the baby, laundry, shopping, "
            "cooking. When someone offers help, give them a job from the list and use the time to "
            "sit or lie down with your back supported."
        ),
        body_zh=(
            "列一张别人能帮忙的事情清单：给宝宝洗澡、洗衣服、买菜、做饭。有人说要帮忙时，"
            "就从清单里挑一件交给对方，你趁机靠好后背坐下或躺下歇一会儿。"
        ),
        why_en=(
            "Articles 001 and 003 both describe mothers overworking in the early weeks, which "
            "keeps the back muscles tired. Sharing the jobs gives your back real rest between "
            "feeds."
        ),
        why_zh=(
            "第001篇和第003篇文章都提到，产后头几周操劳过度会让腰部肌肉一直处于疲劳状态。分担家务，"
            "能让你在两次喂奶之间真正休息。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_ANAESTHESIA),
    ),
    TipData(
        key="rest_sleep_when_you_can",
        category=Category.REST,
        title_en="Sleep when you can",
        title_zh="能睡就睡",
        body_en=(
            "Nap when the baby naps, even for 20 minutes, and leave the chores. At night, feed, "
            "then hand the baby over to be settled while you go back to sleep; once "
            "breastfeeding is going well, someone else can give one feed of your expressed milk."
        ),
        body_zh=(
            "宝宝睡的时候你也睡一会儿，哪怕只有20分钟，家务先放一放。夜里你喂完奶，"
            "就把宝宝交给家人哄睡，你接着睡；等母乳喂养顺利了，可以请家人用奶瓶喂一次你吸出来的母乳。"
        ),
        why_en=(
            "Articles 001 and 003 tie back pain after birth to too little rest and overwork. Poor "
            "sleep makes pain feel worse, and a longer stretch of sleep helps you cope. In the "
            "early weeks, a breastfeed missed at night can leave the breasts overfull and lower "
            "the milk supply, hence expressed milk, and only later."
        ),
        why_zh=(
            "第001篇和第003篇文章都把产后腰背痛与休息不足、过度劳累联系在一起。睡不好会让疼痛感觉更重，"
            "能连续睡一段时间，更容易应对疼痛。母乳喂养的头几周，夜里少喂一次可能涨奶、让奶量减少，"
            "所以要用吸出来的母乳，而且等喂养顺利以后再这样做。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_ANAESTHESIA),
    ),
    TipData(
        key="rest_medium_firm_mattress",
        category=Category.REST,
        title_en="Sleep on a medium-firm mattress",
        title_zh="睡中等硬度的床垫",
        body_en=(
            "If your mattress sags in the middle, turn it, put a firm board underneath or move to "
            "a medium-firm one. Very soft and very hard beds are both less comfortable for a sore "
            "back."
        ),
        body_zh=(
            "如果床垫中间塌陷，可以翻个面、在下面垫块硬木板，或换成中等硬度的床垫。太软或太硬的床，"
            "对腰背痛的人来说都不太舒服。"
        ),
        why_en=(
            "Article 001 warns that a mattress that is too soft lets the back sag out of shape. In "
            "a trial with people who had back pain, a medium-firm mattress did better than a firm "
            "one."
        ),
        why_zh=(
            "第001篇文章提醒床垫不宜太软，否则腰部容易下陷。一项针对腰背痛人群的试验发现，"
            "中等硬度的床垫比硬床垫效果更好。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
    ),
    TipData(
        key="rest_pillows_in_bed",
        category=Category.REST,
        title_en="Use pillows to rest your back in bed",
        title_zh="睡觉时用枕头托住腰背",
        body_en=(
            "On your side, put a pillow between your knees; on your back, put one under your "
            "knees. To get up, roll onto your side first, then push yourself up with your arms."
        ),
        body_zh=(
            "侧睡时在两膝之间夹一个枕头；平躺时在膝盖下垫一个枕头。起床时先翻身侧躺，"
            "再用手臂撑着坐起来。"
        ),
        why_en=(
            "Article 001 suggests sleeping on your back or your side. Pillows keep your hips and "
            "spine level in those positions, and rolling to your side to get up spares your back "
            "and tummy a sudden strain."
        ),
        why_zh=(
            "第001篇文章建议平躺或侧卧睡觉。用枕头支撑能让髋部和脊柱保持在一条线上；先侧身再起床，"
            "可以避免腰腹突然用力。"
        ),
        sources=(ARTICLE_LIGAMENTS,),
    ),
    TipData(
        key="footwear_flat_shoes",
        category=Category.FOOTWEAR,
        title_en="Wear flat, supportive shoes",
        title_zh="穿平底、有支撑的鞋",
        body_en=(
            "For now, choose flat or low-heeled shoes that hold your heel and have a cushioned "
            "sole, especially when you carry the baby. Indoors, slippers with a back are steadier "
            "than loose flip-flops."
        ),
        body_zh=(
            "这段时间选平底或低跟、能包住脚后跟、鞋底有缓冲的鞋，抱宝宝时更要注意。在家里，"
            "穿包跟拖鞋比松垮的人字拖更稳。"
        ),
        why_en=(
            "Articles 000 and 001 both warn against high heels soon after birth. Flat, stable "
            "shoes spread your weight evenly and make a slip less likely while you carry the baby."
        ),
        why_zh=(
            "第000篇和第001篇文章都提醒产后不要过早穿高跟鞋。平稳的鞋能让身体重量分布均匀，"
            "抱着宝宝时也不容易滑倒。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS),
    ),
    TipData(
        key="footwear_heels_later",
        category=Category.FOOTWEAR,
        title_en="Leave high heels for later",
        title_zh="高跟鞋晚些再穿",
        body_en=(
            "Wait until your back feels settled before going back to heels. Then start with a low "
            "heel for a few hours, and change into flat shoes if your back begins to ache."
        ),
        body_zh=(
            "等腰背感觉稳定了再穿高跟鞋。开始时先穿低跟鞋，只穿几个小时；如果腰开始酸，"
            "就换回平底鞋。"
        ),
        why_en=(
            "Article 000 explains that heels tip the body forward and add to the load on a lower "
            "back that is still recovering from pregnancy, and article 001 agrees. Going back "
            "gradually lets you see how your back copes."
        ),
        why_zh=(
            "第000篇文章解释说，高跟鞋会让身体前倾，加重仍在从孕期恢复的下腰部的负担，"
            "第001篇文章也持相同看法。循序渐进地恢复，能让你留意腰部是否吃得消。"
        ),
        sources=(ARTICLE_POSTURE, ARTICLE_LIGAMENTS),
    ),
    TipData(
        key="nutrition_balanced_meals",
        category=Category.NUTRITION,
        title_en="Regular, balanced meals",
        title_zh="按时吃饭，饮食均衡",
        body_en=(
            "No food, powder or pill cures back pain. What helps your recovery and your energy is "
            "eating regularly: meals with vegetables, fruit and grains, and some eggs, fish, meat, "
            "beans, tofu or dairy. Keep a drink of water by your feeding chair."
        ),
        body_zh=(
            "任何食物、营养粉或补充剂都治不好腰背痛。对身体恢复和体力真正有帮助的是按时吃饭："
            "每餐有蔬菜、水果和主食，再加一些鸡蛋、鱼、肉、豆类、豆腐或奶类。在喂奶的座位旁放一杯水。"
        ),
        why_en=(
            "Articles 001 and 004 put weight on what you eat after birth. Regular, balanced meals "
            "support your recovery, your energy and breastfeeding; no single food or supplement "
            "treats back pain. While breastfeeding, ask a doctor or pharmacist before any "
            "supplement."
        ),
        why_zh=(
            "第001篇和第004篇文章都重视产后饮食。按时吃均衡的饭菜，有助于身体恢复、保持体力和哺乳；"
            "但没有哪一种食物或补充剂能治腰背痛。哺乳期间，服用任何补充剂前请先问医生或药师。"
        ),
        sources=(ARTICLE_LIGAMENTS, ARTICLE_CAUSES),
    ),
    TipData(
        key="nutrition_ask_before_medicines",
        category=Category.NUTRITION,
        title_en="Painkillers and remedies while breastfeeding",
        title_zh="哺乳期的止痛药和其他药物",
        body_en=(
            "If you can usually take them, paracetamol and ibuprofen at the usual doses are "
            "generally fine while breastfeeding. Avoid codeine and tramadol unless prescribed "
            "knowing you breastfeed, and no aspirin for pain. Ask a doctor or pharmacist before "
            "anything else, remedies included, and say you are breastfeeding."
        ),
        body_zh=(
            "如果你平时能用，对乙酰氨基酚、布洛芬按常规剂量在哺乳期一般可以用。"
            "可待因和曲马多不要用，除非医生知道你在哺乳仍然开了；止痛也不要用阿司匹林。"
            "其他药，包括中成药和保健品，用之前都请先咨询医生或药师，并告诉他们你正在哺乳。"
        ),
        why_en=(
            "Article 002 suggests traditional remedies for long-lasting back pain. There is no "
            "good evidence that they ease it, and some ingredients pass into breast milk or "
            "interact with other medicines. Codeine and tramadol can make a breastfed baby "
            "dangerously sleepy (MHRA 2013, FDA 2017)."
        ),
        why_zh=(
            "第002篇文章建议长期腰背痛的人服用传统药物。目前没有可靠证据表明它们能缓解腰背痛，"
            "而且有些成分会进入乳汁，或与其他药物相互作用。可待因和曲马多可能让吃母乳的宝宝"
            "过度嗜睡，有危险（英国药管局2013年、美国食药局2017年）。"
        ),
        sources=(ARTICLE_RELIEF,),
        triggers=("other_medicine", "general"),
    ),
    TipData(
        key="mood_look_after_yourself",
        category=Category.MOOD,
        title_en="Look after your mood as well as your back",
        title_zh="照顾腰背，也照顾好情绪",
        body_en=(
            "Each day, do one small thing just for you: a short walk outside, a shower in peace, a "
            "call with a friend. Tired, low days are common early on and are not a sign you are "
            "doing badly."
        ),
        body_zh=(
            "每天为自己做一件小事：出门走一小会儿、安安静静洗个澡、和朋友打个电话。"
            "产后早期常会有疲惫、低落的日子，这并不说明你做得不好。"
        ),
        why_en=(
            "Article 000 notes that anxiety and low mood after birth go with more back pain, and "
            "pain research agrees that feelings shape how pain is felt. Caring for your mood is "
            "part of caring for your back."
        ),
        why_zh=(
            "第000篇文章提到，产后焦虑或抑郁情绪往往伴随更明显的腰背痛，"
            "疼痛研究也认为情绪会影响人对疼痛的感受。照顾好情绪，也是在照顾腰背。"
        ),
        sources=(ARTICLE_POSTURE,),
        triggers=("low_mood", "general"),
    ),
    TipData(
        key="mood_ask_for_help",
        category=Category.MOOD,
        title_en="Ask for help, and say what would help",
        title_zh="开口求助，并说清需要什么帮助",
        body_en=(
            "Tell your partner or family plainly how you feel and what would help, such as "
            "settling the baby after a night feed, holding the baby while you sleep, or just "
            "listening. Accepting help is not failing."
        ),
        body_zh=(
            "把你的感受和需要直接告诉伴侣或家人，比如夜里喂完奶后帮忙哄宝宝睡、你补觉时帮忙抱宝宝，"
            "或者只是听你说说话。接受帮助并不代表你做得不够好。"
        ),
        why_en=(
            "Article 000 asks partners and families to care for and encourage new mothers to ease "
            "their stress. Practical and emotional support go with better mood after birth."
        ),
        why_zh=(
            "第000篇文章呼吁丈夫和家人多关心、鼓励新妈妈，帮她减轻心理压力。实际帮助和情感支持，"
            "与产后更好的情绪状态相关。"
        ),
        sources=(ARTICLE_POSTURE,),
        triggers=("low_mood",),
    ),
    TipData(
        key="mood_low_for_two_weeks",
        category=Category.MOOD,
        title_en="Low for more than two weeks? Tell your midwife or doctor",
        title_zh="情绪低落超过两周，请告诉医生",
        body_en=(
            "If you have felt low, anxious or unable to enjoy things for more than two weeks, see "
            "your midwife or doctor: it is common and it can be treated. If you have thoughts of "
            "harming yourself or the baby, call emergency services now ({emergency}) or ask "
            "someone near you to call. Helplines: {helplines}."
        ),
        body_zh=(
            "如果情绪低落、焦虑或对什么都提不起兴趣超过两周，请去医院看医生（产科或心理门诊），"
            "这很常见，也可以治疗。如果出现伤害自己或宝宝的念头，请马上拨打急救电话（{emergency}），"
            "或者请身边的人帮你打；也可以打求助热线（{helplines}）。"
        ),
        why_en=(
            "Article 000 links anxiety and depression after birth with back pain. The baby blues "
            "usually pass within two weeks; feelings that last longer deserve a proper check. "
            "Thoughts of harm are not your fault and can be treated, but they need help at once."
        ),
        why_zh=(
            "第000篇文章指出产后焦虑、抑郁与腰背痛有关。产后情绪低落（“产后忧郁”）"
            "通常两周内就会过去；持续更久的情绪问题值得认真检查。出现伤害的念头不是你的错，"
            "而且是可以治疗的，但必须马上求助。"
        ),
        sources=(ARTICLE_POSTURE,),
        triggers=("low_mood",),
        safety=True,
    ),
    TipData(
        key="see_doctor_severe_pain",
        category=Category.SEE_DOCTOR,
        title_en="Severe back pain: when to get help",
        title_zh="腰背痛严重时，什么情况要马上求助",
        body_en=(
            "Call emergency services now ({emergency}) for new numbness around your genitals, "
            "bottom or inner thighs, new trouble passing urine, new leaking of urine or stool, or "
            "weakness or numbness in both legs. Contact a doctor or midwife today for a fever of "
            "38°C or more, or one leg numb or weak."
        ),
        body_zh=(
            "如果新出现外阴、肛门周围或大腿内侧发麻，排尿困难或大小便失禁，或者两条腿都无力、发麻，"
            "请马上拨打急救电话（{emergency}）。如果发烧38°C以上，或者一条腿发麻、无力，"
            "请当天去医院就诊（或联系医生）。"
        ),
        why_en=(
            "Article 003 advises seeing a doctor when back pain continues and its cause is "
            "unclear. Most back pain after birth comes from muscles and ligaments and settles. "
            "Pain that is severe, getting worse or stops you caring for the baby deserves a check "
            "soon; the signs above can mean a pressed nerve or an infection."
        ),
        why_zh=(
            "第003篇文章建议，腰背痛持续且原因不明时应去看医生。产后腰背痛大多来自肌肉和韧带，"
            "会逐渐好转；但疼痛剧烈、越来越重或让你没法照顾宝宝时，应尽快检查。"
            "上面这些信号可能说明神经受压或有感染。"
        ),
        sources=(ARTICLE_ANAESTHESIA,),
        triggers=("high_pain",),
        safety=True,
    ),
    TipData(
        key="see_doctor_no_improvement",
        category=Category.SEE_DOCTOR,
        title_en="Pain not easing after 6 weeks? Get it checked",
        title_zh="产后6周仍不见好，请去就医",
        body_en=(
            "If your back pain has not eased after about 6 weeks, or it stops you doing everyday "
            "things, see your GP or a physiotherapist. You can take the report from this app with "
            "you."
        ),
        body_zh=(
            "如果产后约6周腰背痛仍没有减轻，或者已经影响日常生活，请去产科门诊或产后康复科，"
            "请医生或康复治疗师评估。可以把本应用里的疼痛报告带给医生看。"
        ),
        why_en=(
            "Article 003 advises seeing a doctor when pain persists. Most back pain after birth "
            "eases over 6 to 12 weeks; if yours has not, a physiotherapist can assess it and "
            "tailor exercises to you."
        ),
        why_zh=(
            "第003篇文章建议疼痛持续时应去就医。大多数产后腰背痛会在6到12周内逐渐减轻；如果没有好转，"
            "康复治疗师可以进行评估，并为你制定针对性的康复练习方案。"
        ),
        sources=(ARTICLE_ANAESTHESIA,),
        triggers=("no_improvement",),
        min_weeks=6,
    ),
    TipData(
        key="see_doctor_postnatal_check",
        category=Category.SEE_DOCTOR,
        title_en="At your 6-week check, bring up your back",
        title_zh="产后42天复查时，别忘了说腰背痛",
        body_en=(
            "At your postnatal check, about 6 weeks after the birth, tell the doctor about your "
            "back pain, any leaking and how your mood has been, and show the pain report from "
            "this app. Write your questions down before you go."
        ),
        body_zh=(
            "产后42天复查时，把腰背痛、有没有漏尿、最近的情绪都告诉医生，"
            "并把本应用里的疼痛报告给医生看。去之前先把想问的问题写下来。"
        ),
        why_en=(
            "Article 003 advises seeing a doctor when back pain goes on. The postnatal check is "
            "the natural moment: most back pain has eased by then, and what has not deserves a "
            "plan."
        ),
        why_zh=(
            "第003篇文章建议腰背痛持续时去看医生。产后42天复查正是合适的时机："
            "大多数腰背痛这时已经减轻，仍没好转的，值得和医生商量下一步怎么办。"
        ),
        sources=(ARTICLE_ANAESTHESIA,),
        triggers=("check_due", "general"),
        min_weeks=4,
        max_weeks=9,
    ),
    TipData(
        key="see_doctor_epidural_not_the_cause",
        category=Category.SEE_DOCTOR,
        title_en="An epidural does not cause lasting back pain",
        title_zh="分娩时的麻醉不会导致长期腰背痛",
        body_en=(
            "An epidural, or the spinal anaesthetic for a caesarean, does not cause long-term back "
            "pain; a tender spot at the needle site usually settles in days. Redness, "
            "swelling or pus where the needle went in, or a fever, needs a doctor today. With new "
            "leg weakness or numbness as well, call emergency services now ({emergency})."
        ),
        body_zh=(
            "无痛分娩的硬膜外麻醉或剖宫产的腰麻，都不会导致长期腰背痛；"
            "穿刺处的压痛一般几天内就会消退。如果穿刺处红肿、流脓，或者发烧，请当天去医院就诊；"
            "如果同时新出现腿无力或发麻，请马上拨打急救电话（{emergency}）。"
        ),
        why_en=(
            "Article 003 claims that anaesthesia in labour leaves lasting back pain. That is not "
            "right: trials comparing women with and without an epidural found no difference in "
            "back pain months later."
        ),
        why_zh=(
            "第003篇文章说分娩时用麻醉会留下腰背痛后遗症，这种说法不对。"
            "比较用与不用硬膜外麻醉的临床试验发现，产后几个月时两组的腰背痛情况没有差别。"
        ),
        sources=(ARTICLE_ANAESTHESIA,),
    ),
    TipData(
        key="see_doctor_leaking_urine",
        category=Category.SEE_DOCTOR,
        title_en="Leaking urine? A physiotherapist can help",
        title_zh="漏尿？康复治疗师可以帮忙",
        body_en=(
            "Leaking when you cough, sneeze or lift is common after birth: see your GP or a "
            "women's health physiotherapist. But if you suddenly cannot control your bladder or "
            "bowel and also feel numb around your bottom or your legs are weak, call emergency "
            "services now ({emergency})."
        ),
        body_zh=(
            "咳嗽、打喷嚏或抱东西时漏尿在产后很常见，请去产后康复科（盆底康复）或产科门诊看看。"
            "但如果突然控制不住大小便，同时肛门周围发麻或腿无力，请马上拨打急救电话（{emergency}）。"
        ),
        why_en=(
            "Article 004 describes how birth can stretch and weaken the pelvic floor, often along "
            "with low back pain. Pelvic-floor exercises, ideally guided by a physiotherapist, help "
            "many women stop leaking; a heavy, dragging feeling in the vagina is worth the same "
            "visit. Sudden loss of control with numbness can mean pressure on the nerves, which "
            "needs care at once."
        ),
        why_zh=(
            "第004篇文章说明，分娩可能使盆底的肌肉和韧带被拉伸、支撑力减弱，并常伴有腰痛。"
            "盆底肌训练（最好在康复治疗师指导下进行）能让很多妈妈不再漏尿。"
            "阴道有下坠感，也值得同样去看一看。突然失去控制并伴有麻木，可能是神经受压，需要立即处理。"
        ),
        sources=(ARTICLE_CAUSES,),
    ),
]
