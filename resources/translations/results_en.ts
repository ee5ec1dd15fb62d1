<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConfusionMatrixWidget</name>
    <message numerus="yes">
        <source>%n of {total} {name} photos were recognised correctly</source>
        <translation>
            <numerusform>%n of {total} {name} photos was recognised correctly</numerusform>
            <numerusform>%n of {total} {name} photos were recognised correctly</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of {total} {name} photos were taken for {other}</source>
        <translation>
            <numerusform>%n of {total} {name} photos was taken for {other}</numerusform>
            <numerusform>%n of {total} {name} photos were taken for {other}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportModelDialog</name>
    <message numerus="yes">
        <source>After exporting, the file is checked against the app on %n of the photos shown.</source>
        <translation>
            <numerusform>After exporting, the file is checked against the app on %n of the photos shown.</numerusform>
            <numerusform>After exporting, the file is checked against the app on %n of the photos shown.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message numerus="yes">
        <source>Checking the model on %n checking photo(s)…</source>
        <translation>
            <numerusform>Checking the model on %n checking photo…</numerusform>
            <numerusform>Checking the model on %n checking photos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{correct} of %n checking photo(s) recognised correctly</source>
        <translation>
            <numerusform>{correct} of %n checking photo recognised correctly</numerusform>
            <numerusform>{correct} of %n checking photos recognised correctly</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be used (not photos, or unreadable) and were left out.</source>
        <translation>
            <numerusform>%n file could not be used (not a photo, or unreadable) and was left out.</numerusform>
            <numerusform>%n files could not be used (not photos, or unreadable) and were left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) were named wrongly; the {shown} the model was most sure about are shown first. Often the photo is unusual, or filed in the wrong folder.</source>
        <translation>
            <numerusform>%n photo was named wrongly; the {shown} the model was most sure about are shown first. Often the photo is unusual, or filed in the wrong folder.</numerusform>
            <numerusform>%n photos were named wrongly; the {shown} the model was most sure about are shown first. Often the photo is unusual, or filed in the wrong folder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsePage</name>
    <message numerus="yes">
        <source>&lt;b&gt;{name}&lt;/b&gt;: %n category(ies) ({shown})</source>
        <translation>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt;: %n category ({shown})</numerusform>
            <numerusform>&lt;b&gt;{name}&lt;/b&gt;: %n categories ({shown})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sure</source>
        <translation>
            <numerusform>%n not sure</numerusform>
            <numerusform>%n not sure</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unreadable</source>
        <translation>
            <numerusform>%n unreadable</numerusform>
            <numerusform>%n unreadable</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s): {counts}</source>
        <translation>
            <numerusform>%n photo: {counts}</numerusform>
            <numerusform>%n photos: {counts}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved %n answer(s) to {name}.</source>
        <translation>
            <numerusform>Saved %n answer to {name}.</numerusform>
            <numerusform>Saved %n answers to {name}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n photo(s): {where}.</source>
        <translation>
            <numerusform>Moved %n photo: {where}.</numerusform>
            <numerusform>Moved %n photos: {where}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n photo(s): {where}.</source>
        <translation>
            <numerusform>Copied %n photo: {where}.</numerusform>
            <numerusform>Copied %n photos: {where}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read and were left where they are.</source>
        <translation>
            <numerusform>%n could not be read and was left where it is.</numerusform>
            <numerusform>%n could not be read and were left where they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be copied (see the CSV).</source>
        <translation>
            <numerusform>%n could not be copied (see the CSV).</numerusform>
            <numerusform>%n could not be copied (see the CSV).</numerusform>
        </translation>
    </message>
</context>
</TS>
