<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Evaluate</name>
    <message numerus="yes">
        <source>This folder&apos;s categories do not match the model&apos;s. Checked on the %Ln category(s) that match ({names}).</source>
        <translation>
            <numerusform>This folder&apos;s categories do not match the model&apos;s. Checked on the %Ln category that match ({names}).</numerusform>
            <numerusform>This folder&apos;s categories do not match the model&apos;s. Checked on the %Ln categories that match ({names}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PileText</name>
    <message numerus="yes">
        <source>%Ln photo(s)</source>
        <translation>
            <numerusform>%Ln photo</numerusform>
            <numerusform>%Ln photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln category(s)</source>
        <translation>
            <numerusform>%Ln category</numerusform>
            <numerusform>%Ln categories</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Ready</name>
    <message numerus="yes">
        <source>Very few photos in {names}: the model will struggle to learn this category; aim for at least {advised} per category.</source>
        <extracomment>The advised minimum of photos per category (all of them, before the checking share is set aside). Every category below it is named, not only the smallest. The largest category having this many times the photos of the smallest is worth saying.</extracomment>
        <translation>
            <numerusform>Very few photos in {names}: the model will struggle to learn this category; aim for at least {advised} per category.</numerusform>
            <numerusform>Very few photos in {names}: the model will struggle to learn these; aim for at least {advised} per category.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ready to train (%Ln caution(s))</source>
        <translation>
            <numerusform>Ready to train (%Ln caution)</numerusform>
            <numerusform>Ready to train (%Ln cautions)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the %Ln photo(s) are loose in the folder, not in category subfolders: make one subfolder per category (for example &apos;roses&apos; and &apos;tulips&apos;) and move each photo into its category</source>
        <translation>
            <numerusform>the %Ln photo are loose in the folder, not in category subfolders: make one subfolder per category (for example &apos;roses&apos; and &apos;tulips&apos;) and move each photo into its category</numerusform>
            <numerusform>the %Ln photos are loose in the folder, not in category subfolders: make one subfolder per category (for example &apos;roses&apos; and &apos;tulips&apos;) and move each photo into its category</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>there are no usable photos in {names}: add photos to this folder or remove it</source>
        <translation>
            <numerusform>there are no usable photos in {names}: add photos to this folder or remove it</numerusform>
            <numerusform>there are no usable photos in {names}: add photos to these folders or remove them</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln empty category(s)</source>
        <translation>
            <numerusform>%Ln empty category</numerusform>
            <numerusform>%Ln empty categories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{names} has fewer than the advised {advised} photos</source>
        <translation>
            <numerusform>{names} has fewer than the advised {advised} photos</numerusform>
            <numerusform>{names} have fewer than the advised {advised} photos</numerusform>
        </translation>
    </message>
</context>
</TS>
