"""Narrative quantities in real sentences (from the sample reports), the model's refusal, narrative-vs-table checks."""

from __future__ import annotations

import json
import shutil

import pytest

from service.quantities.model import MODELS_DIR, ModelMismatch, QuantityModel
from service.quantities.rules import load_quantity_rules

from .conftest import SAMPLES

INTRO = "X市X局2021年政府信息公开工作年度报告\n根据《条例》编制本报告。\n一、总体情况\n"
OUTRO = "\n二、主动公开政府信息情况\n（略）\n五、存在的主要问题及改进情况\n无。\n"


def _quantities(analyze, sentence: str):
    report = analyze(INTRO + sentence + OUTRO)
    text = INTRO + sentence + OUTRO
    return [(f.key, f.qualifiers.get("channel") or f.qualifiers.get("form"), f.value, text[f.span.start:f.span.end])
            for f in report.findings if f.kind == "quantity"]


@pytest.mark.parametrize("sentence, expected", [
    ("全年通过门户网站公开政府信息611条，其中文件57件，人事信息15条。", [
        ("posts_published", "portal", 611, "611"), ("documents_published", None, 57, "57"),
        ("posts_published", "portal", 15, "15")]),
    ("微信公众号发送图文消息1045篇。", [("posts_published", "wechat", 1045, "1045")]),
    ("2021年，我办共办结依申请公开26件（上年结转1件）。", [
        ("applications_completed", None, 26, "26"), ("applications_carried_over", None, 1, "1")]),
    ("全年累计发布政策解读82篇。", [("policy_interpretations", "all", 82, "82")]),
    ("举办政府开放日活动3次，邀请群众120人次参加。", [
        ("open_day_events", None, 3, "3"), ("open_day_participants", None, 120, "120")]),
    ("组织政务公开业务培训2次，参训人员150人。", [
        ("training_sessions", None, 2, "2"), ("training_participants", None, 150, "150")]),
    ("全年共受理12345热线工单3000余件。", [("hotline_tickets", None, 3000, "3000")]),
    ("本报告所列数据统计期限为2021年1月1日至12月31日，联系电话0953-2032000。", []),
    # a part takes its whole's key unless its own words name another; a breakdown runs on past a semicolon
    ("全年新收政府信息公开申请585件，其中自然人申请528件，法人或其他组织申请57件；从申请方式看，网络申请402件、信函申请176件。", [
        ("applications_received", None, 585, "585"), ("applications_received", None, 528, "528"),
        ("applications_received", None, 57, "57"), ("applications_received", None, 402, "402"),
        ("applications_received", None, 176, "176")]),
    ("全县全年共受理政府信息公开申请749件，其中自然人申请741件，法人或其他组织申请8件；共办理718件，结转下一年31件。", [
        ("applications_received", None, 749, "749"), ("applications_received", None, 741, "741"),
        ("applications_received", None, 8, "8"), ("applications_completed", None, 718, "718"),
        ("applications_carried_forward", None, 31, "31")]),
    # the channel of a list item is the one of the item before it; a platform the spec does not name is other
    ("全年发布信息247条，其中通过政府门户网站公开部门信息59条、直属机构信息5条。", [
        ("posts_published", "all", 247, "247"), ("posts_published", "portal", 59, "59"),
        ("posts_published", "portal", 5, "5")]),
    ("通过商务预报平台发布各类信息，2020年累计发布信息439条（其中：新闻快讯33条，市场监测信息44条）。", [
        ("posts_published", "other", 439, "439"), ("posts_published", "other", 33, "33"),
        ("posts_published", "other", 44, "44")]),
    # a whole broken down by channel is a total over channels
    ("全市政府系统正在运行的政务新媒体共300个（微信公众号193个、新浪微博67个、移动客户端1个）。", [
        ("new_media_accounts", "all", 300, "300"), ("new_media_accounts", "wechat", 193, "193"),
        ("new_media_accounts", "weibo", 67, "67"), ("new_media_accounts", "app", 1, "1")]),
    ("发布文字、图解、H5等多形式政策解读82篇。", [("policy_interpretations", "all", 82, "82")]),
    ("厅主要负责同志解读重要政策3次。", [("policy_interpretations", "official", 3, "3")]),
    # keys the project added to the spec, and verbs that make a count no published post
    ("开展规范性文件全面清理，废止失效文件11件。", [("documents_repealed", None, 11, "11")]),
    ("全年对2316件发文进行公开属性审查。", [("documents_reviewed", None, 2316, "2316")]),
    ("开展政府网站和政务新媒体季度检查4次，通报问题17个。", [
        ("inspections", None, 4, "4"), ("problems_found", None, 17, "17")]),
    ("“上海科技”视频号累计观看量1924252次，粉丝数54373。", [
        ("views", None, 1924252, "1924252"), ("followers", "short_video", 54373, "54373")]),
    ("全年审核拟公开信息331条。", [("other_count", None, 331, "331")]),
    # a bracket right after a count breaks that count down; a sentence opening with 其中 breaks down the one before
    ("我办共办结依申请公开26件（上年结转1件，重复申请2件）。其中，网络申请24件（重复申请2件），信函申请2件。", [
        ("applications_completed", None, 26, "26"), ("applications_carried_over", None, 1, "1"),
        ("applications_completed", None, 2, "2"), ("applications_completed", None, 24, "24"),
        ("applications_completed", None, 2, "2"), ("applications_completed", None, 2, "2")]),
    ("对市政协五届四次会议代表建议12件（主办5件、协办7件）进行办理。", [
        ("cppcc_proposals", None, 12, "12"), ("cppcc_proposals", None, 5, "5"), ("cppcc_proposals", None, 7, "7")]),
    # money is a figure only as a fee; slogans and idioms are no counts
    ("受理审批个人出售自有住房减免税，减免金额21470.27元。", []),
    ("我局严格按照“一个窗口受理，一条龙服务”的要求，采取“一网、一站、一架、一栏”的公开方式。", []),
    # the noun names the family, the verb the variant, across an attributive list
    ("加强政务新媒体管理，关停注销长期不更新、功能重复的账号11个。", [("new_media_closed", None, 11, "11")]),
    ("清理并集中发布现行有效行政规范性文件393件。", [("documents_published", None, 393, "393")]),
    # titles listed with 等 come first, the verb after the count names it
    ("将《朝阳区促进高质量发展若干措施（征求意见稿）》等34件政策文件草案向社会公开征求意见。", [
        ("public_consultations", None, 34, "34")]),
    # platforms the spec does not name are other; a newspaper by its title
    ("在学习强国、人民号等第三方平台同步发布稿件812篇，在《朝阳报》“政策直通车”专版刊发政策信息48期。", [
        ("posts_published", "other", 812, "812"), ("posts_published", "newspaper", 48, "48")]),
    # 分别 names keys in order, and channels named earlier in the sentence; a repeal governs its whole list
    ("全年分别承办县人大代表建议和县政协提案97件、142件，办复率100%。", [
        ("npc_suggestions", None, 97, "97"), ("cppcc_proposals", None, 142, "142")]),
    ("“交通运输部”微信公众号和官方微博全年分别推送图文2,647篇、发布微博5,318条，关注用户分别超过386万和1092.6万。", [
        ("posts_published", "wechat", 2647, "2,647"), ("posts_published", "weibo", 5318, "5,318"),
        ("followers", "wechat", 3860000, "386万"), ("followers", "weibo", 10926000, "1092.6万")]),
    ("废止规章9件、行政规范性文件38件。", [("documents_repealed", None, 9, "9"), ("documents_repealed", None, 38, "38")]),
    ("网站“互动交流”栏目受理网民咨询389条，对其中的381条在5个工作日内予以答复。", [
        ("public_messages_received", None, 389, "389"), ("public_messages_replied", None, 381, "381")]),
    # a colon opens a breakdown of the sentence before; adopted comments are among those received
    ("全年依托门户网站信息公开专栏，主动公开政府信息1,268条，主要包括：\n◆ 机构职能等基础信息46条；\n◆ 工作动态及其他信息490条。", [
        ("posts_published", "disclosure_platform", 1268, "1,268"), ("posts_published", "disclosure_platform", 46, "46"),
        ("posts_published", "disclosure_platform", 490, "490")]),
    ("就规划草案公开征求意见，累计收到意见建议58条，采纳其中19条并逐条反馈采纳情况。", [
        ("opinions_received", None, 58, "58"), ("opinions_received", None, 19, "19")]),
    ("新开设“疏勒零距离”抖音号1个。", [("new_media_opened", None, 1, "1")]),
    # a breakdown adds up to its whole; a published part of documents reviewed is a published count
    ("2020年，全区共受理政府信息公开申请63件，加上上年结转的2件，办结62件，另有3件因在答复期限内结转下年度继续办理。"
     "从申请渠道看，网上申请41件、信函申请17件、当面申请5件。", [
        ("applications_received", None, 63, "63"), ("applications_carried_over", None, 2, "2"),
        ("applications_completed", None, 62, "62"), ("applications_carried_forward", None, 3, "3"),
        ("applications_received", None, 41, "41"), ("applications_received", None, 17, "17"),
        ("applications_received", None, 5, "5")]),
    ("对全年制发的20件文件逐件确定公开属性，其中主动公开14件。", [
        ("documents_reviewed", None, 20, "20"), ("documents_published", None, 14, "14")]),
    # two channels side by side are all; accounts followed by the platforms they cover are a total
    ("“武隆发布”微信、微博双平台全年发布信息4,316条。", [("posts_published", "all", 4316, "4,316")]),
    ("全区在运行政务新媒体58个，涵盖微信公众号、微博、抖音等平台。", [("new_media_accounts", "all", 58, "58")]),
    # a short aside in brackets does not end the clause
    ("举办全区政务公开业务培训6场次，培训各乡镇（街道）和区级部门工作人员480人次。", [
        ("training_sessions", None, 6, "6"), ("training_participants", None, 480, "480")]),
    # new units and words: calls (通), cases (起), guests on a programme (做客), views without 量
    ("12366纳税缴费服务热线全年人工接听来电41.8万通，一次性解答率96%。", [("hotline_tickets", None, 418000, "41.8万")]),
    ("围绕汇算清缴等开展政策直播22场，累计观看约46万人次。", [
        ("online_interviews", None, 22, "22"), ("views", None, 460000, "46万")]),
    ("市局主要负责同志两次做客石家庄人民广播电台“政风行风热线”节目。", [("online_interviews", None, 2, "两")]),
    # names in quotes are not the words of the count: a column named “老旧小区改造” is a column
    ("开设“垃圾分类”“老旧小区改造”等专题专栏5个。", [("website_columns", None, 5, "5")]),
    ("全年完成老旧小区改造46个，惠及居民2.3万户。", []),
    # audience figures in 万 with no unit, broken down by channel; 分别 after the channels in a bracket before
    ("截至年底，厅本级政务新媒体粉丝总量逾280万，其中微信公众号82.6万、微博约158万、抖音号突破40万。", [
        ("followers", "all", 2800000, "280万"), ("followers", "wechat", 826000, "82.6万"),
        ("followers", "weibo", 1580000, "158万"), ("followers", "short_video", 400000, "40万")]),
    ("运营政务新媒体2个（微信公众号“站前发布”、抖音号“站前街道”），关注人数分别为8,650人和3,200余人。", [
        ("new_media_accounts", "all", 2, "2"), ("followers", "wechat", 8650, "8,650"),
        ("followers", "short_video", 3200, "3,200")]),
    # documents reviewed by attribute: only the published part is published
    ("全年对74件文件逐件确定公开属性，其中主动公开19件、依申请公开8件。", [
        ("documents_reviewed", None, 74, "74"), ("documents_published", None, 19, "19"),
        ("documents_reviewed", None, 8, "8")]),
    # tasks of a work plan are no disclosure counts
    ("印发《2022年政务公开工作要点》，明确8个方面26项具体任务。", []),
    # frequencies and differences are no counts
    ("坚持每月1次开展网站自查，全年收到申请28件，较上年增加9件。", [("applications_received", None, 28, "28")]),
    ("“闵行教育”微信公众号关注用户达58.6万人，较上年净增4.3万人。", [("followers", "wechat", 586000, "58.6")]),
    ("每季度对全县政府网站和政务新媒体开展一次全面检查，每月至少更新一次公开专区信息。", []),
    # counts of things that are not disclosure work (service/data/not_quantities.tsv), and the list after them
    ("全镇辖21个行政村、2个社区，总人口约7.8万人。", []),
    ("今年我局共受理审批事项117件，办结171件，办结率100%。", []),
    ("全省年内新增公办学前教育学位8.2万个。", []),
    # 分别 gives the channels to the counts in order, and breaks nothing down
    ("“临沂发布”官方微博全年发稿4100余条；抖音号、今日头条号分别发布短视频1215条、资讯3380条。", [
        ("posts_published", "weibo", 4100, "4100"), ("posts_published", "short_video", 1215, "1215"),
        ("posts_published", "toutiao", 3380, "3380")]),
    # a part belongs to the last whole that can hold it; 从…看 opens a breakdown of the sentence before
    ("全年新收政府信息公开申请312件，较2023年下降4.6%，另有上年结转申请9件。从申请主体看，自然人提出285件，法人或其他组织提出27件。", [
        ("applications_received", None, 312, "312"), ("applications_carried_over", None, 9, "9"),
        ("applications_received", None, 285, "285"), ("applications_received", None, 27, "27")]),
    # an overlapping cue: 关停…网站 inside 网站…整合关停
    ("深化政府网站集约化建设，全年整合关停县区部门网站3个。", [("websites_closed", None, 3, "3")]),
    # a closing verb after tickets received counts tickets closed, 其余 the ones still open
    ("配合县12345热线办理涉水工单417件，办结413件，其余4件正在办理。", [
        ("hotline_tickets", None, 417, "417"), ("hotline_tickets_completed", None, 413, "413"),
        ("hotline_tickets", None, 4, "4")]),
    ("全年累计接（转）工单58件，办结58件，办结率100%。", [
        ("hotline_tickets", None, 58, "58"), ("hotline_tickets_completed", None, 58, "58")]),
    # sentences of the composed reports u26-u31 (corpus/unseen), after they were measured blind
    # 公共 is no total (共): the third item of the list stays a part of the portal's posts
    ("全年通过局门户网站主动公开各类政府信息3,926条。其中，基础信息412条，“双公示”信息2,871条，抽检结果等公共监管信息643条。", [
        ("posts_published", "portal", 3926, "3,926"), ("posts_published", "portal", 412, "412"),
        ("posts_published", "portal", 2871, "2,871"), ("posts_published", "portal", 643, "643")]),
    # the attribute each reviewed document was given: 主动公开 ones are published documents, the others reviewed
    ("对乡政府2022年印发的64件文件逐件进行公开属性审查，确定主动公开27件。", [
        ("documents_reviewed", None, 64, "64"), ("documents_published", None, 27, "27")]),
    ("全年审核街道制发公文74件，逐件明确属性，其中主动公开19件、依申请公开8件、不予公开47件。", [
        ("documents_reviewed", None, 74, "74"), ("documents_published", None, 19, "19"),
        ("documents_reviewed", None, 8, "8"), ("documents_reviewed", None, 47, "47")]),
    # a clause naming one channel beats two channels named in the clause before; a WeChat group is no account
    ("全乡共有政务新媒体账号2个（“金果坪发布”微信公众号和抖音号），公众号关注人数达1.18万人。", [
        ("new_media_accounts", "all", 2, "2"), ("followers", "wechat", 11800, "1.18")]),
    ("通过村民微信群转发政策信息约900条。", [("posts_published", "other", 900, "900")]),
    # quoted names counted; a multi-character numeral before 并 is a count; taking information down is no post
    ("在信息公开专栏新设“乡村振兴”“防汛抗旱”两个专题栏目。", [("website_columns", None, 2, "两")]),
    ("收到意见建议三百一十二条，采纳八十六条并逐条反馈采纳情况。", [
        ("opinions_received", None, 312, "三百一十二"), ("opinions_received", None, 86, "八十六")]),
    ("开展历史信息专项清理，下线过期、失效信息23条。", [("other_count", None, 23, "23")]),
    # 另有N件 after letters answered are letters still open, kept even where the model would drop the count; 管辖 is
    # no place
    ("“局长信箱”收到群众来信312件，已答复309件，另有3件因涉及属地管辖转交相关区市场监管局办理。", [
        ("public_messages_received", None, 312, "312"), ("public_messages_replied", None, 309, "309"),
        ("public_messages_received", None, 3, "3")]),
    # 申请人中 opens a breakdown of the sentence before
    ("全年共收到政府信息公开申请6件，均为本年新收。申请人中自然人5件、企业1件。", [
        ("applications_received", None, 6, "6"), ("applications_received", None, 5, "5"),
        ("applications_received", None, 1, "1")]),
    # not disclosure work: the place, inspections of products, projects, the items of a plan
    ("立足辖区9个社区，全年完成食品安全监督抽检2.1万批次，实施农村人居环境整治项目14个，制定3个方面11项整改措施。", []),
    # sentences of the composed reports u32-u39, after they were measured blind
    ("利用村村响大喇叭彝汉双语播报惠民政策和森林防火、防汛信息约300次。", [("posts_published", "radio", 300, "300")]),
    ("全年接待群众现场查阅、咨询160余人次。", [("other_count", None, 160, "160")]),
    ("通过12315平台，全年受理消费者投诉、举报、咨询4.27万件，办结4.25万件。", [
        ("hotline_tickets", None, 42700, "4.27万"), ("hotline_tickets_completed", None, 42500, "4.25万")]),
    ("受理12345工单58件，已办结57件，1件正在办理。", [
        ("hotline_tickets", None, 58, "58"), ("hotline_tickets_completed", None, 57, "57"),
        ("hotline_tickets", None, 1, "1")]),
    ("已办结3件，其中予以公开2件、本机关不掌握相关政府信息1件；1件因涉及多个部门会商，结转下年度继续办理。", [
        ("applications_completed", None, 3, "3"), ("applications_completed", None, 2, "2"),
        ("applications_completed", None, 1, "1"), ("applications_carried_forward", None, 1, "1")]),
    ("全年制发文件86件，逐件确定公开属性，其中主动公开52件、依申请公开9件、不予公开25件。", [
        ("documents_reviewed", None, 86, "86"), ("documents_published", None, 52, "52"),
        ("documents_reviewed", None, 9, "9"), ("documents_reviewed", None, 25, "25")]),
    ("清理合并空白栏目和长期不更新栏目6个。", [("other_count", None, 6, "6")]),
    ("在子站“政府采购”栏目发布采购公告312条。", [("posts_published", "portal", 312, "312")]),
    ("全县现有各级各类学校187所，全区共设置发热门诊12个，各科室均明确1名信息员，每学期至少开展1次专项检查。", []),
    ("对乡政府印发的文件逐件审查公开属性，共审查47件，对其中可以公开的19件在专栏补充公开。", [
        ("documents_reviewed", None, 47, "47"), ("documents_published", None, 19, "19")]),
    ("本年度对1件申请发出收费通知，收取信息处理费50元。", [
        ("other_count", None, 1, "1"), ("fees_collected", None, 50, "50")]),
    # sentences of the composed reports u40-u47, after they were measured blind
    ("其中税收政策文件及解读486条、通知公告729条。", [
        ("posts_published", "all", 486, "486"), ("posts_published", "all", 729, "729")]),
    ("全年办理县人大代表建议、县政协委员提案分别为9件、14件，均已按期办结。", [
        ("npc_suggestions", None, 9, "9"), ("cppcc_proposals", None, 14, "14")]),
    ("全年接听来电68.3万通，局长信箱收到来信412封并全部答复。", [
        ("hotline_tickets", None, 683000, "68.3万"), ("public_messages_received", None, 412, "412")]),
    ("利用社区微信群和“大喇叭”发布防疫通告、核酸检测安排等信息1,036条次。", [
        ("posts_published", "all", 1036, "1,036")]),
    ("新设“生态环境”“柳江水质”“中央环保督察整改”3个专题专栏。", [("website_columns", None, 3, "3")]),
    ("发布《雨水情简报》146期。", [("posts_published", "all", 146, "146")]),
    ("对行政规范性文件逐件清理，废止1件，保留9件。", [
        ("documents_repealed", None, 1, "1"), ("documents_reviewed", None, 9, "9")]),
    ("各处室、直属单位均明确1名政务公开联络员，指导16个市、136个县（市、区）编制目录，全年为412名高龄老人发放津贴，"
     "设置发热门诊12个，完成行政许可1,862件，作出行政处罚37件。", []),
    # sentences of the composed reports u48-u55, after they were measured blind
    ("在“信用中国（四川）”网站按规定公示行政许可决定2,684件。", [("posts_published", "other", 2684, "2,684")]),
    ("街道现有政务新媒体账号2个，分别为“湾里发布”微信公众号和“湾里发布”抖音号，抖音号全年发布短视频73条。", [
        ("new_media_accounts", "all", 2, "2"), ("posts_published", "short_video", 73, "73")]),
    ("做客县广播电台《行风热线》节目两次。", [("online_interviews", None, 2, "两")]),
    ("对23个乡镇（街道）、46个县直部门的政务公开工作人员近300人次开展全覆盖培训。", [
        ("training_participants", None, 300, "300")]),
    ("全年发布信息2,105条。其中：政策文件128件，通知公告417条。", [
        ("posts_published", "all", 2105, "2,105"), ("documents_published", None, 128, "128"),
        ("posts_published", "all", 417, "417")]),
    ("全年公示建档立卡脱贫户1,036户，便民服务中心全年办理各类事项8,600余件，每千人口执业（助理）医师3.12人，"
     "推动全省356家二级以上公立医院公开信息（不同渠道和方式公开的相同信息计1条）。", []),
    # sentences of the composed reports u56-u63, after they were measured blind
    ("在抖音、快手等平台发布短视频612条。", [("posts_published", "short_video", 612, "612")]),
    ("在《三峡日报》和宜昌广播电视台刊播政策信息1,700余条。", [("posts_published", "all", 1700, "1,700")]),
    ("新开设专题专栏6个。", [("website_columns", None, 6, "6")]),
    ("扩大公众参与。就43项规章、规范性文件草案公开征求意见。", [("public_consultations", None, 43, "43")]),
    ("所有申请均按时办结，其中属于已主动公开范围的2件、同意公开5件、申请信息不存在的1件。", [
        ("applications_completed", None, 2, "2"), ("applications_completed", None, 5, "5"),
        ("applications_completed", None, 1, "1")]),
    ("全年收到申请68件；加上上年结转的3件，全年需办理申请71件。从申请人类型看，自然人申请61件，法人或其他组织申请7件；"
     "从提交方式看，网上申请42件、信函申请19件、当面申请7件。", [
        ("applications_received", None, 68, "68"), ("applications_carried_over", None, 3, "3"),
        ("other_count", None, 71, "71"), ("applications_received", None, 61, "61"),
        ("applications_received", None, 7, "7"), ("applications_received", None, 42, "42"),
        ("applications_received", None, 19, "19"), ("applications_received", None, 7, "7")]),
    ("全区共受理办件126.8万件，新增开放数据集146个，全省33.6万名高考考生，按月发布全国339个地级及以上城市空气质量，"
     "围绕年度十件民生实事，涉及26个领域，为市场主体减税降费9.7亿元。", []),
    # a verb closing websites closes the accounts listed with them (r010)
    ("关停运维不及时的政府网站1个、政务新媒体2个。", [
        ("websites_closed", None, 1, "1"), ("new_media_closed", None, 2, "2")]),
])
def test_counts_in_real_sentences(analyze, sentence, expected):
    assert _quantities(analyze, sentence) == expected


def test_every_finding_carries_its_evidence(pipeline):
    data = (SAMPLES / "002_246021b1e6d305f9.txt").read_bytes()
    report = pipeline.analyze_bytes(data, "002")
    text = data.decode("utf-8")
    quantities = [f for f in report.findings if f.kind == "quantity"]
    assert len(quantities) >= 20
    for finding in quantities:
        assert finding.extractor == "quantities" and finding.extractor_version.startswith("1.0+model.")
        assert finding.method in ("rule", "ml", "hybrid") and 0 < finding.score <= 1
        clause = finding.evidence["clause"]
        assert clause["start"] <= finding.span.start < finding.span.end <= clause["end"]
        assert text[finding.span.start:finding.span.end] == finding.evidence["number"]


def test_a_model_trained_on_other_rules_is_refused(tmp_path):
    rules = load_quantity_rules()
    directory = tmp_path / "quantities" / "1"
    shutil.copytree(MODELS_DIR / "quantities" / "1", directory)
    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    QuantityModel.load(rules.files, directory)  # the committed model matches the committed rules
    meta["rules_hash"] = "0" * 16
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelMismatch, match="train_quantities"):
        QuantityModel.load(rules.files, directory)


def test_narrative_restating_the_table_is_checked(pipeline):
    report = pipeline.analyze_bytes((SAMPLES / "r006_shuyang_county_2025.txt").read_bytes(), "r006")
    checks = {c.id: c for c in report.checks if c.id.startswith("narrative.")}
    received = checks["narrative.applications_received"]
    assert (received.left, received.right, received.status) == (749, 713, "fail")  # 749 counts the 36 carried over
    assert checks["narrative.applications_completed"].status == "pass"
    assert len(received.spans) == 2
