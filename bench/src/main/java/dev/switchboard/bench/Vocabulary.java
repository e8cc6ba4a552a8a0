package dev.switchboard.bench;

import dev.switchboard.text.TextNormalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The raw material of the fixtures: common Simplified Chinese characters in rough frequency order, Arabic letters
 * with rough frequencies, syllables for English-looking keywords, and everyday Arabic and English words for the filler
 * of messages. Immutable.
 */
final class Vocabulary {
    private Vocabulary() {}

    /**
     * About 700 of the most frequent Simplified Chinese characters, most frequent first. Characters that the engine's
     * fold would change (so that a keyword made of them would be stored differently) are dropped by {@link #HAN}.
     */
    private static final String COMMON_HAN = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道"
            + "行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第"
            + "公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信"
            + "表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受"
            + "目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象"
            + "完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲"
            + "极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约"
            + "示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费"
            + "号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防"
            + "族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属"
            + "坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险"
            + "待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵"
            + "协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守"
            + "酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编"
            + "楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶"
            + "春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫"
            + "喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典"
            + "欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲"
            + "伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁"
            + "赵侧醉";

    /** Common Han characters that fold to themselves, most frequent first, without repeats. */
    static final List<Character> HAN = han();

    /** Chinese punctuation with the weight of each (per 100 sentence ends). */
    static final String HAN_PUNCTUATION = "，，，，，，，，，，，，，，。。。。！？、、";

    /** The 28 plain Arabic letters, with rough frequencies in running text (per mille). */
    static final char[] ARABIC_LETTERS = {
        'ا', 'ل', 'ي', 'م', 'و', 'ن', 'ر', 'ت', 'ب', 'ع', 'ه', 'د', 'س', 'ف', 'ك', 'ق', 'ح', 'ج', 'ش', 'ص', 'ط', 'خ',
        'ز', 'ذ', 'ض', 'غ', 'ث', 'ظ'
    };

    static final int[] ARABIC_WEIGHTS = {
        120, 100, 70, 60, 60, 60, 50, 50, 40, 40, 30, 30, 30, 30, 30, 25, 20, 15, 13, 12, 10, 10, 7, 7, 6, 5, 5, 3
    };

    /** Everyday Arabic words (as typed: with hamza forms, teh marbuta and alef maksura) for message filler. */
    static final List<String> ARABIC_WORDS = words("""
            من في على إلى عن مع هذا هذه ذلك التي الذي كان كانت لم لن قد كل بعد قبل عند بين حتى أو ثم لكن إذا أنا أنت نحن
            هو هي هم لقد طلبت طلب الطلب رقم المنتج الخدمة الشركة العميل الدفع السعر اليوم أمس غدا شكرا مرحبا السلام عليكم
            أريد أرجو لماذا متى كيف هل ماذا الآن وصل يصل التوصيل الشحنة البطاقة الحساب الفاتورة مشكلة خطأ تأخير المتجر
            الموقع التطبيق رسالة الهاتف البريد العنوان الرد انتظار منذ أسبوع يومين ساعة دقيقة جديد قديم مكسور ناقص كامل
            صحيح سيارة البيت العمل المدينة الطريق الوقت الناس شيء كثير قليل جدا أيضا فقط مرة أخرى أول آخر يوم شهر سنة عندي
            لدي أحتاج ممكن لو سمحت فضلك حضرتك الموضوع المعلومات التفاصيل الصورة الطلبية اللون الحجم الكمية المخزن الفرع
            اتصلت أرسلت كتبت قلت قالوا وعدوني انتظرت حاولت مرات الأسبوع الماضي القادم بسرعة ببطء للأسف الحمد لله إن شاء
            الله يا أخي أختي العرض الخصم الكود الرابط الصفحة الخطوة التالية الأولى الثانية بدون أي رد حتى الآن
            """);

    /** Everyday English words for message filler. */
    static final List<String> ENGLISH_WORDS = words("""
            i the a to and my of it is in for you that was this on have with not be but order we your at me can from are
            they so if will an what when there been would all just about please had no or time do one get hi hello thanks
            thank still day days week account card payment package delivery item items received email phone number help
            support service store online app website price charged twice yesterday today tomorrow last month since waiting
            wait again already check status update address shipping shipped tracking box wrong size color broken damaged
            missing open opened new old sent send want need know like also did does could should how why where who which
            here now then than more very much some any other first second third two three four five after before because
            while until into out up down over under same different another every nothing something anyone someone told
            said asked called emailed tried paid bought ordered arrived came went got made took gave found looked seems
            really actually honestly frankly sure okay fine good bad great terrible slow fast late early long short
            morning evening night hours minutes friend family home work office city street door weekend holiday gift
            birthday shoes shirt jacket phone laptop charger cable screen battery coffee machine kettle chair table lamp
            book bag watch ring size small medium large blue black white green red brown grey pink silver
            """);

    /** Real words that may open a two-word English keyword ("card", then a generated word). */
    static final List<String> PHRASE_HEADS =
            List.of("card", "bank", "legal", "data", "credit", "account", "price", "service", "delivery", "contract");

    static final String[] ONSETS = {
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br", "cr", "dr", "fr",
        "gr", "pr", "tr", "bl", "cl", "fl", "gl", "pl", "sl", "st", "sp", "sh", "ch", "th", "wh", ""
    };
    static final String[] NUCLEI = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ea", "ee", "oo", "ou", "ie"};
    static final String[] CODAS = {"", "", "", "n", "r", "s", "t", "l", "m", "nd", "nt", "st", "ck", "ng", "rd", "ll"};

    private static List<Character> han() {
        Set<Character> chars = new LinkedHashSet<>();
        for (char c : COMMON_HAN.toCharArray()) {
            String s = String.valueOf(c);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    && TextNormalizer.fold(s).equals(s)) {
                chars.add(c);
            }
        }
        return List.copyOf(chars);
    }

    private static List<String> words(String text) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : text.strip().split("\\s+")) {
            words.add(word);
        }
        return List.copyOf(new ArrayList<>(words));
    }
}
